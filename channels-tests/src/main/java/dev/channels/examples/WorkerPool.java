package dev.channels.examples;

import dev.channels.Arrival;
import dev.channels.Channel;
import dev.channels.ChannelClosedException;
import dev.channels.Channels;
import dev.channels.Endpoint;
import dev.channels.Selector;
import dev.channels.WaitStrategy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * A worker pool: one dispatcher thread hands each job to a worker that asked for one. A worker
 * holds the {@code second()} endpoint of its channel and calls {@code job = w.send(result)}: its
 * result is its request for the next job. The dispatcher selects over the {@code first()}
 * endpoints and answers each request with {@link Arrival#post}, so no worker is idle while a job
 * waits. Which worker does which job varies; the books do not.
 *
 * <pre>
 * 20 jobs, 3 workers: every job done exactly once: true
 * sum of the squares of 1..20: 2870
 * </pre>
 */
public final class WorkerPool {
    private WorkerPool() {
    }

    /**
     * Runs the example on virtual threads with the default wait strategy.
     *
     * @param args ignored
     * @throws Exception if a thread of the example failed
     */
    public static void main(String[] args) throws Exception {
        run(WaitStrategy.spinThenPark(), Thread.ofVirtual().factory(), System.out);
    }

    // README-BEGIN
    /** A finished job. */
    record Done(int job, long square) {
    }

    /** Asks for a job, does it, and hands the result back as the request for the next one. */
    static int work(Endpoint<Integer, Done> desk) throws InterruptedException {
        int jobs = 0;
        try {
            Integer job = desk.send(null);             // the first request carries no result
            while (true) {
                Done result = new Done(job, (long) job * job);
                jobs++;
                job = desk.send(result);               // hands the result over, waits for a job
            }
        } catch (ChannelClosedException e) {
            return jobs;                               // the dispatcher closed: no more jobs
        }
    }

    /** Hands jobs 1..count to the workers that ask; returns the results in the order of the jobs. */
    static Done[] dispatch(List<Endpoint<Done, Integer>> desks, int count) throws InterruptedException {
        Done[] results = new Done[count + 1];
        Selector.of(desks).open(pool -> {             // closes every desk at the end
            int next = 1;
            int outstanding = 0;
            while (next <= count || outstanding > 0) {
                Arrival<Done, Integer> request = pool.select();
                Done result = request.value();
                if (result != null) {                  // a worker's first request has no result
                    if (results[result.job()] != null) {
                        throw new IllegalStateException("job " + result.job() + " done twice");
                    }
                    results[result.job()] = result;
                    outstanding--;
                }
                if (next <= count) {
                    request.post(next++);              // returns at once: the worker has the job
                    outstanding++;
                }                                      // else the worker waits until the close
            }
        });
        return results;
    }
    // README-END

    public static void run(WaitStrategy strategy, ThreadFactory threads, PrintStream out)
            throws InterruptedException, ExecutionException {
        int count = 20;
        List<Endpoint<Done, Integer>> desks = new ArrayList<>();
        List<Future<Integer>> workers = new ArrayList<>();
        try (var executor = Executors.newThreadPerTaskExecutor(threads)) {
            for (int i = 0; i < 3; i++) {
                Channel<Done, Integer> c = Channels.create(strategy);
                desks.add(c.first());
                workers.add(executor.submit(() -> work(c.second())));
            }
            Done[] results = dispatch(desks, count);
            int jobsDone = 0;
            for (Future<Integer> w : workers) {
                jobsDone += w.get();                   // rethrows what the thread threw
            }
            boolean exactlyOnce = jobsDone == count;
            long sum = 0;
            for (int job = 1; job <= count; job++) {
                exactlyOnce &= results[job] != null && results[job].job() == job;
                sum += results[job] == null ? 0 : results[job].square();
            }
            out.println(count + " jobs, " + workers.size() + " workers: every job done exactly once: " + exactlyOnce);
            out.println("sum of the squares of 1.." + count + ": " + sum);
        }
    }
}
