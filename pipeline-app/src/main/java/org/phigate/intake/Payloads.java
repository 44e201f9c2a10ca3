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

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
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
