module dev.channels/bench/go

go 1.19
