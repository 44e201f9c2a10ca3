package org.phigate.audit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.phigate.audit.archive.ArchiveStore;
import org.phigate.audit.archive.ArchiveStores;
import org.phigate.config.ArchiverConfig;
import org.phigate.config.CommonConfig;
import picocli.CommandLine.Option;

/** Options shared by the auditor commands: where the archive is, and an optional config file for S3 settings. */
final class ArchiveOptions {
  @Option(names = "--archive", paramLabel = "URI", description = "Archive: a directory, file:/path, or "
      + "s3://bucket/prefix[?endpoint=URL&region=R&pathStyle=true] (credentials: AWS default chain or --config).")
  String archive;

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file (archiver.s3.*, kafka.*, "
      + "schema.registry.url); PHIGATE_* environment variables apply too.")
  Path config;

  CommonConfig common() {
    return CommonConfig.load(config);
  }

  ArchiveStore open() throws IOException {
    if (archive == null) {
      throw new IllegalArgumentException("--archive URI is required");
    }
    if (!archive.startsWith("s3://") && !Files.isDirectory(archive.startsWith("file:")
        ? Path.of(java.net.URI.create(archive)) : Path.of(archive))) {
      throw new IllegalArgumentException("no archive directory at " + archive);
    }
    return ArchiveStores.open(archive, new ArchiverConfig(common()));
  }

  static byte[] readOptional(Path file) throws IOException {
    return file == null ? null : Files.readAllBytes(file);
  }
}
