package org.phigate.audit.archive;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 with Object Lock: every object is PUT once in COMPLIANCE mode with a retain-until date (default six years,
 * HIPAA 164.316(b)(2)), so no one, root included, can delete or shorten it before then. The bucket must have been
 * created with Object Lock enabled. Checksums are sent only when required, with Content-MD5 on lock PUTs, which is
 * what Ceph RGW accepts (RECIPES.md).
 */
public final class S3ArchiveStore implements ArchiveStore {
  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final int retentionYears;

  public S3ArchiveStore(S3Client s3, String bucket, String prefix, int retentionYears) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    this.retentionYears = retentionYears;
  }

  /** A client for AWS or any S3 endpoint; null credentials use the AWS default provider chain. */
  public static S3Client client(String endpoint, String region, boolean pathStyle, String accessKey,
                                String secretKey) {
    AwsCredentialsProvider creds = accessKey == null || accessKey.isBlank() ? DefaultCredentialsProvider.builder()
        .build() : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    S3ClientBuilder b = S3Client.builder().region(Region.of(region)).credentialsProvider(creds)
        .forcePathStyle(pathStyle)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (endpoint != null && !endpoint.isBlank()) {
      b.endpointOverride(URI.create(endpoint));
    }
    return b.build();
  }

  /** Fails unless the bucket has Object Lock enabled (it can only be enabled when the bucket is created). */
  public void requireObjectLock() throws IOException {
    try {
      ObjectLockEnabled enabled = s3.getObjectLockConfiguration(r -> r.bucket(bucket)).objectLockConfiguration()
          .objectLockEnabled();
      if (enabled != ObjectLockEnabled.ENABLED) {
        throw new IOException("bucket " + bucket + " has no Object Lock");
      }
    } catch (SdkException e) {
      throw new IOException("bucket " + bucket + " has no Object Lock configuration (" + e.getClass().getSimpleName()
          + "); create it with Object Lock enabled (aws s3api create-bucket --object-lock-enabled-for-bucket)", e);
    }
  }

  @Override
  public void create(String name, byte[] bytes) throws IOException {
    if (exists(name)) {
      throw new FileAlreadyExistsException(location() + name);
    }
    Instant until = Instant.now().atZone(ZoneOffset.UTC).plusYears(retentionYears).toInstant();
    try {
      s3.putObject(r -> r.bucket(bucket).key(prefix + name).contentMD5(md5(bytes))
          .objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(until), RequestBody.fromBytes(bytes));
    } catch (SdkException e) {
      throw new IOException("PUT " + location() + name + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] read(String name) throws IOException {
    try {
      return s3.getObjectAsBytes(r -> r.bucket(bucket).key(prefix + name)).asByteArray();
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(location() + name);
    } catch (SdkException e) {
      throw new IOException("GET " + location() + name + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean exists(String name) throws IOException {
    try {
      s3.headObject(r -> r.bucket(bucket).key(prefix + name));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw new IOException("HEAD " + location() + name + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> list(String sub) throws IOException {
    try {
      List<String> names = new ArrayList<>();
      s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix + sub)).contents()
          .forEach(o -> names.add(o.key().substring(prefix.length())));
      return names.stream().sorted().toList();
    } catch (SdkException e) {
      throw new IOException("LIST " + location() + sub + " failed: " + e.getMessage(), e);
    }
  }

  /** Keys with more than one version or a delete marker: an archived object was overwritten or hidden. */
  @Override
  public List<String> integrityProblems() throws IOException {
    try {
      Map<String, Integer> versions = new HashMap<>();
      List<String> problems = new ArrayList<>();
      var pages = s3.listObjectVersionsPaginator(r -> r.bucket(bucket).prefix(prefix));
      pages.forEach(page -> {
        for (ObjectVersion v : page.versions()) {
          versions.merge(v.key().substring(prefix.length()), 1, Integer::sum);
        }
        page.deleteMarkers().forEach(d -> problems.add(d.key().substring(prefix.length())
            + " has a delete marker (someone tried to delete it; the locked version is still there)"));
      });
      versions.forEach((k, n) -> {
        if (n > 1) {
          problems.add(k + " has " + n + " versions (an archived object was overwritten)");
        }
      });
      return problems.stream().sorted().toList();
    } catch (SdkException e) {
      throw new IOException("LIST VERSIONS " + location() + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String location() {
    return "s3://" + bucket + "/" + prefix;
  }

  public S3Client client() {
    return s3;
  }

  public String key(String name) {
    return prefix + name;
  }

  @Override
  public void close() {
    s3.close();
  }

  private static String md5(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
