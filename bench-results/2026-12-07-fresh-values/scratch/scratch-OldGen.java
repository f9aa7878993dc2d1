package scratch;

import dev.channels.Channel;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.WaitStrategy;
import java.util.concurrent.Exchanger;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Scratch: a round trip where the channel is (or is not) in the old generation and the messages are
 * fresh young objects (or preallocated ones). G1's post-write barrier takes a StoreLoad fence for a
 * non-null reference stored across regions into a card that is not young.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OldGen {
    @Param({"false", "true"})
    public boolean old;
    @Param({"same", "fresh"})
    public String msg;
    @Param({"channel", "exchanger"})
    public String impl;

    Endpoint<Object, Object> client;
    Exchanger<Object> ex;
    Thread server;
    volatile boolean stop;
    boolean fresh;
    final Object clientFixed = new Object();

    @Setup(Level.Trial)
    public void setup() throws Exception {
        fresh = msg.equals("fresh");
        final boolean f = fresh;
        final Object serverFixed = new Object();
        if (impl.equals("channel")) {
            Channel<Object, Object> ch = Channels.create(WaitStrategy.busySpin());
            client = ch.second();
            Endpoint<Object, Object> s = ch.first();
            server = new Thread(() -> {
                try {
                    Object req = s.receive();
                    for (;;) {
                        req = s.send(f ? new Object() : serverFixed);
                    }
                } catch (Exception e) {
                    // closed: done
                }
            });
        } else {
            ex = new Exchanger<>();
            Exchanger<Object> x = ex;
            server = new Thread(() -> {
                try {
                    while (!stop) {
                        x.exchange(f ? new Object() : serverFixed, 100, TimeUnit.MILLISECONDS);
                    }
                } catch (Exception e) {
                    // done
                }
            });
        }
        server.setDaemon(true);
        server.start();
        if (old) {
            System.gc();
            System.gc();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        stop = true;
        if (client != null) {
            client.close();
        }
        server.join(2000);
    }

    @Benchmark
    public Object roundTrip() throws Exception {
        Object m = fresh ? new Object() : clientFixed;
        return client != null ? client.send(m) : ex.exchange(m);
    }
}
