package dev.channels.bench.contenders;

import dev.channels.bench.rig.Token;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;

/**
 * A JDK hand-off queue, one item per call: {@link SynchronousQueue#put} or
 * {@link LinkedTransferQueue#transfer} (both return once the item was taken), and {@code take}.
 */
final class BlockingQueueStream extends StreamWorkload {
    private final String name;
    private final BlockingQueue<Object> queue;
    private final LinkedTransferQueue<Object> transferQueue;

    private BlockingQueueStream(String name, BlockingQueue<Object> queue) {
        this.name = name;
        this.queue = queue;
        this.transferQueue = queue instanceof LinkedTransferQueue<Object> q ? q : null;
    }

    static BlockingQueueStream synchronousQueue() {
        return new BlockingQueueStream("synchronousQueue", new SynchronousQueue<>());
    }

    static BlockingQueueStream linkedTransferQueue() {
        return new BlockingQueueStream("linkedTransferQueue", new LinkedTransferQueue<>());
    }

    @Override
    protected void send(Token item) throws InterruptedException {
        if (transferQueue != null) {
            transferQueue.transfer(item);
        } else {
            queue.put(item);
        }
    }

    @Override
    protected Object receive() throws InterruptedException {
        return queue.take();
    }

    @Override
    public String toString() {
        return name;
    }
}
