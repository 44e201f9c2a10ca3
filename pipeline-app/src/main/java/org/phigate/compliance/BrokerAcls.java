package org.phigate.compliance;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.phigate.config.CommonConfig;
import org.phigate.runtime.acl.AclAdmin;
import org.phigate.runtime.acl.AclEntry;

/**
 * The broker's ACLs for the compliance check: first a bounded probe (is a broker reachable with the config's
 * {@code kafka.*} settings?), then {@code acl verify}'s comparison. Unreachable means "not checked", not a pass.
 */
public final class BrokerAcls implements Deployment.AclSource {
  private final CommonConfig common;
  private final Duration timeout;
  private String reason = "no broker was asked";

  public BrokerAcls(CommonConfig common, Duration timeout) {
    this.common = common;
    this.timeout = timeout;
  }

  /** A source that never asks a broker ({@code --no-broker}). */
  public static Deployment.AclSource skipped() {
    return new Deployment.AclSource() {
      @Override
      public Optional<AclAdmin.Drift> drift(List<AclEntry> plan) {
        return Optional.empty();
      }

      @Override
      public String unavailableReason() {
        return "not checked: --no-broker (run `phigate acl verify --config admin.properties` where a broker is "
            + "reachable)";
      }
    };
  }

  @Override
  public Optional<AclAdmin.Drift> drift(List<AclEntry> plan) {
    if (!reachable()) {
      return Optional.empty();
    }
    try (AclAdmin admin = AclAdmin.connect(common)) {
      return Optional.of(admin.verify(plan));
    } catch (RuntimeException e) {
      reason = "not checked: the broker at " + common.bootstrapServers() + " did not list its ACLs ("
          + e.getClass().getSimpleName() + "; the config's kafka.* principal needs DESCRIBE on the cluster)";
      return Optional.empty();
    }
  }

  @Override
  public String unavailableReason() {
    return reason;
  }

  private boolean reachable() {
    Properties props = new Properties();
    common.kafkaClientOverrides().forEach(props::put);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, common.bootstrapServers());
    int ms = (int) timeout.toMillis();
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
    props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) ms);
    Admin admin = null;
    try {
      admin = Admin.create(props);
      admin.describeCluster().clusterId().get(ms, TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      reason = "not checked: no broker reachable at " + common.bootstrapServers() + " within " + timeout.toSeconds()
          + " s (" + (e instanceof ExecutionException ? e.getCause().getClass().getSimpleName()
          : e.getClass().getSimpleName()) + ")";
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reason = "not checked: interrupted";
      return false;
    } finally {
      if (admin != null) {
        admin.close(Duration.ofSeconds(1)); // an unreachable broker leaves calls pending; don't wait for them
      }
    }
  }
}
