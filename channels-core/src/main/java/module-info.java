/**
 * CSP channels between threads and virtual threads.
 *
 * <p>The module exports one package, {@link dev.channels}; everything else in it
 * (the slot, the batch descriptor, the padding layers) is package-private.
 */
module dev.channels {
    exports dev.channels;
}
