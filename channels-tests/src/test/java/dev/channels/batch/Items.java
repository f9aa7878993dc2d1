package dev.channels.batch;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.channels.ChannelClosedException;
import dev.channels.Endpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Item sequences, buffers and drains shared by the batch tests. */
final class Items {
    private Items() {
    }

    /**
     * Fills unused array slots: never an item (items are never negative), compared by identity, so
     * that a write outside a region is seen.
     */
    static final Integer SENTINEL = Integer.valueOf(-1_000_000); // outside the Integer cache: a unique object

    /** {@code n} consecutive integers from {@code from}. */
    static Integer[] seq(int from, int n) {
        Integer[] a = new Integer[n];
        for (int i = 0; i < n; i++) {
            a[i] = from + i;
        }
        return a;
    }

    /** The same as {@link #seq}, as a list. */
    static List<Integer> list(int from, int n) {
        return Arrays.asList(seq(from, n));
    }

    /** An array of {@code length} sentinels holding {@code n} items from {@code from} at {@code offset}. */
    static Integer[] seqAt(int length, int offset, int from, int n) {
        Integer[] a = sentinels(length);
        System.arraycopy(seq(from, n), 0, a, offset, n);
        return a;
    }

    /** An array of sentinels. */
    static Integer[] sentinels(int length) {
        Integer[] a = new Integer[length];
        Arrays.fill(a, SENTINEL);
        return a;
    }

    /** {@code a[offset .. offset+n)} as a new list. */
    static <T> List<T> region(T[] a, int offset, int n) {
        return new ArrayList<>(Arrays.asList(a).subList(offset, offset + n));
    }

    /** Fails unless every element of {@code a} outside {@code [offset, offset+length)} is the sentinel. */
    static void assertUntouchedOutside(Integer[] a, int offset, int length) {
        for (int i = 0; i < a.length; i++) {
            if (i < offset || i >= offset + length) {
                assertSame(SENTINEL, a[i], "element " + i + " outside the region [" + offset + ", "
                        + (offset + length) + ") was written");
            }
        }
    }

    /**
     * Receives with {@code receiveInto(buffer, 0, size)} until the end of the channel and returns
     * everything received; checks each count is in {@code [1, size]}.
     */
    static <I> List<I> drain(Endpoint<I, ?> in, I[] buffer) throws InterruptedException {
        List<I> got = new ArrayList<>();
        for (int n; (n = in.receiveInto(buffer, 0, buffer.length)) != -1;) {
            assertTrue(n >= 1 && n <= buffer.length, "receiveInto returned " + n);
            got.addAll(region(buffer, 0, n));
        }
        return got;
    }

    /** Receives with {@code receive()} until the end of the channel; returns everything received. */
    static <I> List<I> drainOneByOne(Endpoint<I, ?> in) throws InterruptedException {
        List<I> got = new ArrayList<>();
        try {
            for (;;) {
                got.add(in.receive());
            }
        } catch (ChannelClosedException e) {
            if (e.getCause() != null) {
                throw e;
            }
            return got;
        }
    }
}
