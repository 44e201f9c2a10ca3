package org.phigate.audit.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A local write-once directory: each object is written to a temporary file, synced, made read-only and then
 * hard-linked to its name, which fails atomically if the name exists, so an archived file is never replaced.
 */
public final class LocalArchiveStore implements ArchiveStore {
  private final Path root;

  public LocalArchiveStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path path(String name) {
    Path p = root.resolve(name).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("object name leaves the archive: " + name);
    }
    return p;
  }

  @Override
  public void create(String name, byte[] bytes) throws IOException {
    Path target = path(name);
    Path dir = target.getParent();
    Files.createDirectories(dir);
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      if (!tmp.toFile().setReadOnly()) {
        throw new IOException("cannot make " + tmp + " read-only");
      }
      Files.createLink(target, tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
    syncDirectory(dir);
  }

  @Override
  public byte[] read(String name) throws IOException {
    return Files.readAllBytes(path(name));
  }

  @Override
  public boolean exists(String name) {
    return Files.exists(path(name));
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    String dirPart = prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/')) : "";
    Path dir = dirPart.isEmpty() ? root : path(dirPart);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(n -> n.startsWith(prefix) && !n.substring(n.lastIndexOf('/') + 1).startsWith("."))
          .sorted().toList();
    }
  }

  @Override
  public List<String> integrityProblems() throws IOException {
    if (!Files.isDirectory(root)) {
      throw new NoSuchFileException(root + " (no archive here)");
    }
    return List.of();
  }

  @Override
  public String location() {
    return root.toString();
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems refuse to open directories; the file itself is already synced
    }
  }
}
