package org.historian.waku;

import java.security.SecureRandom;

/** Where nonces and padding come from: a secure source in the app, a fixed one in tests. */
@FunctionalInterface
public interface RandomBytes {
    void fill(byte[] bytes);

    static RandomBytes secure() {
        SecureRandom random = new SecureRandom();
        return random::nextBytes;
    }
}
