package dev.channels.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a test method once per {@link Config}: each wait strategy on platform and on virtual
 * threads. The method takes a {@code Config} parameter. Combine it with {@code @Timeout}. Channels
 * made by {@link Config#channel()} are closed after each run ({@link CloseLeftovers}).
 *
 * <pre>{@code
 * @EachConfig
 * @Timeout(10)
 * void handsOver(Config config) throws Exception { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("dev.channels.testing.Config#all")
@ExtendWith(CloseLeftovers.class)
public @interface EachConfig {
}
