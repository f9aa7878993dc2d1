package dev.channels.flow;

import dev.channels.Flows;
import java.io.IOException;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

/**
 * The Reactive Streams TCK against {@link Flows#publisher(dev.channels.Generator.Body)}: a cold
 * publisher, a fresh generator per subscriber, so the multi-subscriber rules (1.11) run too.
 */
public class GeneratorPublisherTckTest extends FlowPublisherVerification<Long> {

    public GeneratorPublisherTckTest() {
        super(new TestEnvironment(Tck.TIMEOUT_MILLIS), Tck.GC_TIMEOUT_MILLIS);
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return Flows.publisher(out -> {
            for (long i = 0; i < elements; i++) { // Long.MAX_VALUE: endless in practice
                out.send(i);
            }
        });
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return Flows.publisher(out -> {
            throw new IOException("a body that fails at once");
        });
    }
}
