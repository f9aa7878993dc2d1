package dev.channels.proof;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** A thread dump that includes virtual threads, for the report of a stalled stress test. */
final class ThreadDumps {
    private ThreadDumps() {
    }

    /**
     * All threads' stacks, virtual ones included (HotSpotDiagnosticMXBean.dumpThreads), or the
     * platform threads' stacks if that is unavailable.
     */
    static String all() {
        try {
            Path file = Files.createTempFile("channels-stress-", ".threads.txt");
            Files.delete(file); // dumpThreads refuses to overwrite
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            String dump = Files.readString(file);
            Files.deleteIfExists(file);
            return dump;
        } catch (IOException | RuntimeException e) {
            StringBuilder sb = new StringBuilder("(no virtual threads: " + e + ")\n");
            Thread.getAllStackTraces().forEach((t, stack) -> {
                sb.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
                for (StackTraceElement f : stack) {
                    sb.append("    at ").append(f).append('\n');
                }
            });
            return sb.toString();
        }
    }
}
