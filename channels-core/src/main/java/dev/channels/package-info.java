/**
 * CSP channels between threads and virtual threads: the Java rendition of Python's
 * {@code sav.channels}.
 *
 * <p>A {@link dev.channels.Channel} is a pair of connected {@link dev.channels.Endpoint}s. A value
 * sent into one endpoint is returned by the pending call at the other, and the other way round:
 * bidirectional, strictly alternating, lazy like a generator and its consumer.
 *
 * <pre>{@code
 * Channel<String, Void> ch = Channels.create();
 * Endpoint<String, Void> receiver = ch.first();
 * Endpoint<Void, String> sender = ch.second();
 *
 * Thread.ofVirtual().start(() -> {
 *     try (var out = sender.open()) {
 *         out.send("Hello");
 *         out.send("Goodbye");
 *     } catch (InterruptedException e) {
 *         Thread.currentThread().interrupt();
 *     }
 * });
 * for (String m : receiver) System.out.println(m);
 * }</pre>
 *
 * <h2>Implementation conventions</h2>
 * (For maintainers; none of this is API.)
 * <ul>
 * <li><b>Access modes are named at every use.</b> Each field touched by more than one thread is
 *     read and written through a VarHandle accessor named by its mode: {@code slotAcquire()},
 *     {@code slotVolatile()}, {@code casSlot} (volatile), {@code casSlotAcquire},
 *     {@code casSlotPlain}, {@code clearWaiterOpaque}; the accessor's comment says why that mode is
 *     enough, and each use that relies on it says so beside it. Plain fields are touched by one
 *     thread at a time, handed over by an acquire/release pair that is named where it happens.</li>
 * <li><b>Weakest mode that is provably correct.</b> Volatile only where a Dekker-style
 *     handshake needs a StoreLoad order (a deposit or close against a parking waiter); acquire and
 *     release where one thread publishes fields to another; plain or opaque where only atomicity
 *     is needed. The jcstress tests in channels-tests check the handshakes on the real memory
 *     model.</li>
 * <li><b>Padding by class layering.</b> Fields written by different threads live in different
 *     objects or between two 128-byte layers of {@code byte} fields ({@code ...PadBefore},
 *     {@code ...PadAfter}): 128 bytes cover two 64-byte lines, as the adjacent-line prefetcher
 *     fetches pairs. The JVM may reorder fields within a class and fill gaps in a superclass with
 *     subclass fields; {@code byte} pads leave no gaps, and only the layering is relied on. A test
 *     checks the resulting offsets.</li>
 * <li><b>Read a field once per hot path.</b> Fields used in a loop are copied into {@code final}
 *     locals of the same name first.</li>
 * <li><b>Sentinels stay private.</b> {@code null} is a legal value; markers such as
 *     {@code EMPTY} are private objects that no caller can hold.</li>
 * </ul>
 */
package dev.channels;
