package org.phigate.runtime.acl;

import java.util.Comparator;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/** One ALLOW grant of the plan: principal, resource (type, literal or prefixed name) and operation, from any host. */
public record AclEntry(String role, String principal, ResourceType resourceType, PatternType patternType, String name,
                       AclOperation operation) implements Comparable<AclEntry> {
  private static final Comparator<AclEntry> ORDER = Comparator.comparing(AclEntry::principal)
      .thenComparing(e -> e.resourceType().name()).thenComparing(e -> e.patternType().name())
      .thenComparing(AclEntry::name).thenComparing(e -> e.operation().name());

  /** The entry as Kafka's Admin client creates it. */
  public AclBinding binding() {
    return new AclBinding(new ResourcePattern(resourceType, name, patternType),
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }

  /** The plan's view of a binding read back from the broker (ALLOW from any host only; others are never planned). */
  public static AclEntry of(String role, AclBinding binding) {
    return new AclEntry(role, binding.entry().principal(), binding.pattern().resourceType(),
        binding.pattern().patternType(), binding.pattern().name(), binding.entry().operation());
  }

  /** One tab-separated line: principal, resource type, pattern type, name, operation. */
  public String tsv() {
    return String.join("\t", principal, resourceType.name(), patternType.name(), name, operation.name());
  }

  @Override
  public int compareTo(AclEntry other) {
    return ORDER.compare(this, other);
  }
}
