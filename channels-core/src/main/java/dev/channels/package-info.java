/**
 * CSP channels between threads and virtual threads: the Java rendition of Python's
 * {@code sav.channels}.
 *
 * <p>A <b>channel</b> is a pair of connected {@linkplain dev.channels.Endpoint endpoints}, one for
 * each of two threads. A value sent into one endpoint is returned by the pending call at the
 * other, and the other way round. The two ends speak in strict turns and nothing is buffered
 * beyond the one value in transit: {@code send(v)} returns only when the other end has taken
 * {@code v} and answered, with a value of its own or with {@code null} when it only asks for the
 * next one. So the two threads alternate like a generator and its consumer, and every value
 * handed over is received exactly once, in order.
 *
 * <h2>Where to start</h2>
 * {@link dev.channels.Channels#create()} makes a {@link dev.channels.Channel}; its
 * {@link dev.channels.Channel#first() first()} and {@link dev.channels.Channel#second() second()}
 * are its two {@link dev.channels.Endpoint}s. Everything happens through an endpoint:
 * {@link dev.channels.Endpoint#send(Object) send}, {@link dev.channels.Endpoint#receive() receive},
 * a for-each loop or {@link dev.channels.Endpoint#stream() stream()}, and
 * {@link dev.channels.Endpoint#close() close}, which ends the conversation for both ends. The
 * adaptors {@link dev.channels.Generator}, {@link dev.channels.Sink} and
 * {@link dev.channels.Flows} put channels behind the common shapes shown below, so that you often
 * need no endpoint at all.
 *
 * <h2>First or second?</h2>
 * The first endpoint always starts by receiving: its first call is a {@code receive()}, which lets
 * the other side's first value through. So <b>the side that sends first holds {@code second()}</b>
 * (the producer of a stream, the client that asks the first question), and the side that waits
 * for that value holds {@code first()}. The type parameters follow: a {@code Channel<A, B>} has a
 * first endpoint {@code Endpoint<A, B>}, which receives {@code A} and sends {@code B}, and a second
 * endpoint {@code Endpoint<B, A>}. A producer put on {@code first()} gets an
 * {@link java.lang.IllegalStateException} at its first {@code send}.
 *
 * <h2>One-way stream</h2>
 * The producer sends on {@code second()} and closes it at the end; the consumer iterates
 * {@code first()}, and its loop ends at the close. Each {@code send} returns when the consumer
 * asks for the next value.
 * <pre>{@code
 * Channel<String, Void> ch = Channels.create();
 * Endpoint<Void, String> producer = ch.second();   // sends first
 * Endpoint<String, Void> consumer = ch.first();    // starts by receiving
 *
 * Thread.ofVirtual().start(() -> {
 *     try (producer) {                             // closing ends the consumer's loop
 *         producer.send("Hello");
 *         producer.send("Goodbye");
 *     } catch (InterruptedException e) {
 *         Thread.currentThread().interrupt();
 *     }
 * });
 * for (String message : consumer) {
 *     System.out.println(message);
 * }
 * }</pre>
 *
 * <h2>Request and response</h2>
 * Both ends send values. The client holds {@code second()}: each {@code send(request)} returns
 * the response. The server holds {@code first()}: it takes the first request with
 * {@code receive()}, and each {@code send(response)} returns the next request.
 * {@link dev.channels.Endpoint#open(java.util.Set, dev.channels.Endpoint.Body) open} with
 * {@link dev.channels.ScopeOption#CLEAR CLEAR} ends the server's loop quietly when the client
 * closes.
 * <pre>{@code
 * Channel<String, Integer> ch = Channels.create();   // the server receives String, answers Integer
 * Endpoint<Integer, String> client = ch.second();    // asks first
 * Endpoint<String, Integer> server = ch.first();     // waits for the first question
 *
 * Thread.ofVirtual().start(() -> {
 *     try {
 *         server.open(EnumSet.of(ScopeOption.CLEAR, ScopeOption.CLOSE), s -> {
 *             String question = s.receive();
 *             while (true) {
 *                 question = s.send(question.length());   // answers, then waits for the next one
 *             }
 *         });
 *     } catch (InterruptedException e) {
 *         Thread.currentThread().interrupt();
 *     }
 * });
 * try (client) {
 *     int five = client.send("hello");
 *     int eight = client.send("channels");
 * }
 * }</pre>
 *
 * <h2>Batches</h2>
 * One handoff per item costs a round trip per item. {@link dev.channels.Endpoint#sendAll(Object[],
 * int, int) sendAll(items, offset, length)} hands a whole array region over in one exchange (the
 * receiving thread copies straight out of it), {@link dev.channels.Endpoint#sendAll(java.util.Iterator)
 * sendAll(iterator)} lets the receiving thread pull the items, and
 * {@link dev.channels.Endpoint#receiveInto(Object[], int, int) receiveInto(buffer, offset, length)}
 * takes as many as are available, returning {@code -1} at the end. Either end may take a batch
 * item by item, too. After an interrupt or a close part-way, {@link dev.channels.Endpoint#taken()}
 * says exactly how many items went over.
 * <pre>{@code
 * // producer, on second()
 * Integer[] chunk = {1, 2, 3, 4, 5, 6, 7, 8};
 * producer.sendAll(chunk, 0, chunk.length);   // one handoff; returns once all were taken
 * producer.sendAll(List.of(9, 10, 11));       // pulled on the consumer's thread
 *
 * // consumer, on first()
 * Integer[] buffer = new Integer[5];
 * for (int n; (n = consumer.receiveInto(buffer, 0, buffer.length)) != -1; ) {
 *     System.out.println(Arrays.asList(buffer).subList(0, n));   // [1..5], [6, 7, 8], [9, 10, 11]
 * }
 * }</pre>
 *
 * <h2>Alternation: one thread, many endpoints</h2>
 * A {@link dev.channels.Selector} waits on a set of endpoints at once and takes exactly one
 * {@link dev.channels.Arrival} per {@link dev.channels.Selector#select() select}: which member,
 * and the value (or the member's close). {@link dev.channels.Arrival#post(Object) post} answers
 * that member without waiting, and {@link dev.channels.Endpoint#post(Object) Endpoint.post} does
 * the same on a single endpoint. {@link dev.channels.Selector#fanIn(java.util.List) fanIn} asks
 * every producer for more by itself, so one loop consumes them all; a server answers many clients
 * from one thread.
 * <pre>{@code
 * // fan-in: the first() endpoint of each producer's channel
 * for (String line : Selector.fanIn(fromProducers))
 *     System.out.println(line);                        // ends when every producer has closed
 *
 * // a server: the first() endpoint of each client's channel; clients call reply = c.send(request)
 * try (Selector<String, Integer> server = Selector.of(fromClients)) {
 *     while (server.size() > 0) {
 *         Arrival<String, Integer> a = server.select();
 *         if (!a.isClosed()) a.post(a.value().length());   // the reply, handed over without waiting
 *     }
 * }
 * }</pre>
 *
 * <h2>Generators: push-style code as an Iterator</h2>
 * {@link dev.channels.Generator#of(dev.channels.Generator.Body) Generator.of(out -> ...)} runs a
 * body that calls {@code out.send(value)} on a thread of its own, and hands the values out as an
 * {@link java.util.Iterator} or a {@link java.util.stream.Stream}. The body runs lazily, one value
 * ahead at most; closing the generator ends it.
 * <pre>{@code
 * try (Generator<Long> fib = Generator.of(out -> {
 *          long a = 0, b = 1;
 *          while (true) {                  // an endless push loop: the consumer decides when to stop
 *              out.send(a);
 *              long next = a + b;
 *              a = b;
 *              b = next;
 *          }
 *      })) {
 *     for (long f : fib) {
 *         if (f > 50) break;
 *         System.out.println(f);
 *     }
 * }   // closing: the body's pending send throws ChannelClosedException, and its thread ends
 * }</pre>
 *
 * <h2>Sinks: pull-style code fed by pushes</h2>
 * {@link dev.channels.Sink#of(dev.channels.Sink.Body) Sink.of(in -> ...)} runs code that iterates
 * or streams its input on a thread of its own; you push the items with {@code send} and get its
 * result from {@code finish()}.
 * <pre>{@code
 * try (Sink<String, Long> longWords = Sink.of(in -> in.stream().filter(w -> w.length() > 3).count())) {
 *     for (String word : "the quick brown fox".split(" ")) {
 *         longWords.send(word);                   // returns when the body has taken it
 *     }
 *     System.out.println(longWords.finish());     // 2
 * }
 * }</pre>
 *
 * <h2>Flow: Reactive Streams</h2>
 * {@link dev.channels.Flows} adapts channels to {@link java.util.concurrent.Flow}: a publisher
 * that runs a generator body per subscriber, or publishes what an endpoint receives, and a
 * subscriber that feeds an endpoint, one item per request.
 * <pre>{@code
 * Flow.Publisher<Integer> numbers = Flows.publisher(out -> {
 *     for (int i = 1; i <= 3; i++) out.send(i);
 * });
 * Channel<Integer, Void> ch = Channels.create();
 * numbers.subscribe(Flows.subscriber(ch.second()));
 * for (int n : ch.first()) System.out.println(n);   // 1 2 3, then onComplete ends the loop
 * }</pre>
 *
 * <h2>Closing, interrupts, timeouts and threads</h2>
 * {@link dev.channels.Endpoint#close() close()} works from any thread, at any time: the other
 * end's pending call and every later call throw {@link dev.channels.ChannelClosedException}, and
 * iteration ends. A call ended by an interrupt, a timeout or a close is all-or-nothing:
 * {@link dev.channels.Endpoint#taken() taken()} and
 * {@link dev.channels.Endpoint#isReplyPending() isReplyPending()} say what went over. One thread
 * at a time may use an endpoint. {@link dev.channels.Endpoint} has the whole contract.
 *
 * <h2>Waiting</h2>
 * A channel waits with a {@link dev.channels.WaitStrategy}:
 * {@link dev.channels.WaitStrategy#spinThenPark() spinThenPark()} (the default),
 * {@link dev.channels.WaitStrategy#park() park()} (no CPU while waiting; many virtual threads) or
 * {@link dev.channels.WaitStrategy#busySpin() busySpin()} (dedicated cores, lowest latency), given
 * to {@link dev.channels.Channels#create(dev.channels.WaitStrategy)}.
 *
 * <p>Contributors: the implementation conventions (access-mode naming, padding) are in
 * {@code adr/CONVENTIONS.md} of the source repository, beside the design decisions in {@code adr/}.
 */
package dev.channels;
