package org.historian.model;

import java.math.BigInteger;

/**
 * Base58 with the Bitcoin alphabet, as multibase {@code z} uses it: decoding only, for the
 * community keys in Status share links. Leading {@code 1}s are leading zero bytes.
 */
public final class Base58 {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);
    /** Far more than a key needs; bounds the work on untrusted input. */
    private static final int MAX_LENGTH = 200;

    private Base58() {
    }

    /** @throws IllegalArgumentException naming the first character that is not base58 */
    public static byte[] decode(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("base58 text is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("base58 text is longer than " + MAX_LENGTH + " characters");
        }
        BigInteger value = BigInteger.ZERO;
        int leadingZeros = 0;
        boolean leading = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = ALPHABET.indexOf(c);
            if (digit < 0) {
                throw new IllegalArgumentException("'" + (Character.isISOControl(c) ? "\\u%04x".formatted((int) c) : c)
                        + "' at position " + (i + 1) + " is not a base58 character");
            }
            if (leading && digit == 0) {
                leadingZeros++;
            } else {
                leading = false;
            }
            value = value.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0; // BigInteger's sign byte
        byte[] out = new byte[leadingZeros + magnitude.length - skip];
        System.arraycopy(magnitude, skip, out, leadingZeros, magnitude.length - skip);
        return out;
    }
}
