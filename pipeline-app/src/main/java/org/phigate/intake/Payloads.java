package org.phigate.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Small helpers over raw payload bytes. */
final class Payloads {

    private Payloads() {
    }

    /** {@code sha256:<first 32 hex chars>} of the bytes: an id derived from content, never the content. */
    static String sha256Id(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256(bytes), 0, 16);
    }

    static String sha256Id(String s) {
        return sha256Id(s.getBytes(StandardCharsets.UTF_8));
    }

    /** One digest per thread: looking SHA-256 up among the providers costs more than hashing a small message. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    });

    static byte[] sha256(byte[] bytes) {
        return SHA256.get().digest(bytes); // digest() resets it for the next use
    }

    /** Index of the first byte after a UTF-8 BOM, MLLP start block and leading whitespace. */
    static int contentStart(byte[] payload) {
        int i = 0;
        if (payload.length >= 3 && (payload[0] & 0xff) == 0xEF && (payload[1] & 0xff) == 0xBB && (payload[2] & 0xff) == 0xBF) {
            i = 3;
        }
        while (i < payload.length && (payload[i] == 0x0B || payload[i] == ' ' || payload[i] == '\t'
                || payload[i] == '\r' || payload[i] == '\n')) {
            i++;
        }
        return i;
    }
}
