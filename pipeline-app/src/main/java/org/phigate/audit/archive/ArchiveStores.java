package org.phigate.audit.archive;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.phigate.config.ArchiverConfig;

/** Opens an archive by location: a directory path, file:/path, or s3://bucket/prefix[?endpoint=&region=&pathStyle=]. */
public final class ArchiveStores {
  private ArchiveStores() {}

  /** For readers (auditor CLI): S3 settings from the URI query, credentials from the AWS default chain or config. */
  public static ArchiveStore open(String location, ArchiverConfig config) throws IOException {
    if (location.startsWith("s3://")) {
      URI uri = URI.create(location);
      Map<String, String> q = query(uri.getRawQuery());
      String endpoint = q.getOrDefault("endpoint", config == null ? "" : config.s3(ArchiverConfig.S3_ENDPOINT));
      String region = q.getOrDefault("region", config == null ? "us-east-1" : config.s3(ArchiverConfig.S3_REGION));
      boolean pathStyle = q.containsKey("pathStyle") ? Boolean.parseBoolean(q.get("pathStyle"))
          : config != null ? config.s3PathStyle() : !endpoint.isBlank();
      String access = config == null ? null : config.s3(ArchiverConfig.S3_ACCESS_KEY);
      String secret = config == null ? null : config.s3(ArchiverConfig.S3_SECRET_KEY);
      String prefix = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      S3ArchiveStore store = new S3ArchiveStore(S3ArchiveStore.client(endpoint, region, pathStyle, access, secret),
          uri.getHost(), prefix, config == null ? 6 : config.s3RetentionYears());
      return store;
    }
    if (location.startsWith("file:")) {
      return new LocalArchiveStore(Path.of(URI.create(location)));
    }
    return new LocalArchiveStore(Path.of(location));
  }

  /** For the archiver: like open, and an S3 bucket must have Object Lock enabled. */
  public static ArchiveStore forWriting(ArchiverConfig config) throws IOException {
    ArchiveStore store = open(config.uri(), config);
    if (store instanceof S3ArchiveStore s3) {
      s3.requireObjectLock();
    }
    return store;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }
}
