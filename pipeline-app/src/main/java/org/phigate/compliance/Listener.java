package org.phigate.compliance;

import java.util.ArrayList;
import java.util.List;
import org.phigate.config.CommonConfig;
import org.phigate.config.IntakeConfig;
import org.phigate.config.ReviewConfig;
import org.phigate.config.TlsKeys;
import org.phigate.runtime.Role;

/** A network listener a deployment opens: the intake edges, the reviewer API and page, /health and /metrics. */
record Listener(String name, String portKey, int port, String bindKey, String bind, String tlsKeystoreKey,
                 String tlsKeystore, String tlsPassword, TlsKeys tls) {

  /** Every listener the deployment's roles open (port set), in a fixed order. */
  static List<Listener> of(Deployment d) {
    List<Listener> out = new ArrayList<>();
    if (d.has(Role.INTAKE) && d.get(IntakeConfig.MLLP_PORT) > 0) {
      out.add(new Listener("MLLP intake", IntakeConfig.MLLP_PORT.name(), d.get(IntakeConfig.MLLP_PORT),
          IntakeConfig.MLLP_BIND.name(), d.get(IntakeConfig.MLLP_BIND), IntakeConfig.MLLP_TLS_KEYSTORE.name(),
          d.get(IntakeConfig.MLLP_TLS_KEYSTORE), d.get(IntakeConfig.MLLP_TLS_PASSWORD), null));
    }
    if (d.has(Role.INTAKE) && d.get(IntakeConfig.REST_PORT) > 0) {
      out.add(tls("FHIR REST intake", IntakeConfig.REST_PORT.name(), d.get(IntakeConfig.REST_PORT),
          IntakeConfig.REST_BIND.name(), d.get(IntakeConfig.REST_BIND), IntakeConfig.REST_TLS, d));
    }
    if (d.has(Role.REVIEW) && d.get(ReviewConfig.API_PORT) > 0) {
      out.add(tls("reviewer API and page", ReviewConfig.API_PORT.name(), d.get(ReviewConfig.API_PORT),
          ReviewConfig.API_BIND.name(), d.get(ReviewConfig.API_BIND), ReviewConfig.API_TLS, d));
    }
    if (!d.roles().isEmpty() && d.get(CommonConfig.OPS_PORT) > 0) {
      out.add(tls("/health and /metrics", CommonConfig.OPS_PORT.name(), d.get(CommonConfig.OPS_PORT),
          CommonConfig.OPS_HOST.name(), d.get(CommonConfig.OPS_HOST), CommonConfig.OPS_TLS, d));
    }
    return out;
  }

  private static Listener tls(String name, String portKey, int port, String bindKey, String bind, TlsKeys tls,
                               Deployment d) {
    return new Listener(name, portKey, port, bindKey, bind, tls.keystore().name(), d.get(tls.keystore()),
        d.get(tls.keystorePassword()), tls);
  }

  /** Of a listener with that name, if the deployment opens it. */
  static java.util.Optional<Listener> named(Deployment d, String name) {
    return of(d).stream().filter(l -> l.name.equals(name)).findFirst();
  }

  String where() {
    return name + " (" + portKey + "=" + port + ", " + bindKey + "=" + bind.trim() + ")";
  }

  boolean hasTls() {
    return !tlsKeystore.isBlank();
  }
}
