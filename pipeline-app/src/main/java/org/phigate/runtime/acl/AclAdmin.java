package org.phigate.runtime.acl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.phigate.config.CommonConfig;

/** Applies an ACL plan with Kafka's Admin client and compares the broker's ACLs of the plan's principals with it. */
public final class AclAdmin implements AutoCloseable {
  private static final long TIMEOUT_S = 60;

  private final Admin admin;

  private AclAdmin(Admin admin) {
    this.admin = admin;
  }

  /** An Admin client with the config's {@code kafka.*} settings (its principal must be allowed to ALTER the cluster). */
  public static AclAdmin connect(CommonConfig common) {
    Properties props = new Properties();
    common.kafkaClientOverrides().forEach(props::put);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, common.bootstrapServers());
    return new AclAdmin(Admin.create(props));
  }

  /** What the broker holds for the plan's principals compared with the plan. */
  public record Drift(List<AclEntry> missing, List<AclEntry> extra) {
    public boolean none() {
      return missing.isEmpty() && extra.isEmpty();
    }
  }

  /** Creates the plan's missing ACLs (existing ones are left as they are); returns those it created. */
  public List<AclEntry> apply(List<AclEntry> plan) {
    List<AclEntry> missing = verify(plan).missing();
    if (!missing.isEmpty()) {
      await(() -> admin.createAcls(missing.stream().map(AclEntry::binding).toList()).all().get(TIMEOUT_S,
          TimeUnit.SECONDS));
    }
    return missing;
  }

  /** Deletes ACLs of the plan's principals that the plan does not hold; returns those it deleted. */
  public List<AclEntry> prune(List<AclEntry> plan) {
    List<AclEntry> extra = verify(plan).extra();
    if (!extra.isEmpty()) {
      List<AclBindingFilter> filters = extra.stream().map(e -> e.binding().toFilter()).toList();
      await(() -> admin.deleteAcls(filters).all().get(TIMEOUT_S, TimeUnit.SECONDS));
    }
    return extra;
  }

  /** ACLs in the plan the broker lacks, and ACLs of the plan's principals the plan does not hold. */
  public Drift verify(List<AclEntry> plan) {
    Map<String, String> roles = plan.stream().collect(Collectors.toMap(AclEntry::principal, AclEntry::role,
        (a, b) -> a));
    Collection<AclBinding> current = await(() -> admin.describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY,
        new AccessControlEntryFilter(null, null, AclOperation.ANY, AclPermissionType.ANY))).values()
        .get(TIMEOUT_S, TimeUnit.SECONDS));
    Set<AclEntry> onBroker = new TreeSet<>();
    List<AclEntry> extra = new ArrayList<>();
    for (AclBinding binding : current) {
      String role = roles.get(binding.entry().principal());
      if (role == null) {
        continue;
      }
      AclEntry entry = AclEntry.of(role, binding);
      boolean planned = binding.entry().permissionType() == AclPermissionType.ALLOW
          && "*".equals(binding.entry().host()) && plan.contains(entry);
      if (planned) {
        onBroker.add(entry);
      } else {
        extra.add(entry);
      }
    }
    List<AclEntry> missing = plan.stream().filter(e -> !onBroker.contains(e)).toList();
    return new Drift(missing, extra.stream().sorted().toList());
  }

  @Override
  public void close() {
    admin.close();
  }

  private interface Call<T> {
    T run() throws ExecutionException, TimeoutException, InterruptedException;
  }

  private static <T> T await(Call<T> call) {
    try {
      return call.run();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the broker refused the ACL request (" + e.getCause().getClass().getSimpleName()
          + "); the principal of --config must be a super user or hold ALTER/DESCRIBE on the cluster", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer from the broker within " + TIMEOUT_S + " s; check "
          + "kafka.bootstrap.servers and the client's security settings", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
