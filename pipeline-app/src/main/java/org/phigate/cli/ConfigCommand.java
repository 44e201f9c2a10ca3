package org.phigate.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.phigate.config.CommonConfig;
import org.phigate.config.ConfigException;
import org.phigate.config.ConfigKey;
import org.phigate.config.KafkaClientKeys;
import org.phigate.config.Settings;
import org.phigate.runtime.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate config`: describe every key, show the effective settings (secrets masked), check them for roles. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Describe every configuration key (--describe), show the effective value and origin of each "
        + "(--show, secrets masked), or check a config for roles (--check --role ...).")
public final class ConfigCommand implements Callable<Integer> {
  private static final String MASK_SET = "<secret: set>";
  private static final String MASK_UNSET = "<secret: unset>";

  @Option(names = "--describe", description = "List every key: type, default, what it accepts, environment "
      + "variable, description.")
  boolean describe;

  @Option(names = "--show", description = "The effective value of every key and where it comes from (default, "
      + "file, env var, secret file); secrets masked. The default when --config is given.")
  boolean show;

  @Option(names = "--check", description = "Validate as `run` does at start-up and list every problem (exit 2).")
  boolean check;

  @Option(names = "--role", split = ",", paramLabel = "ROLE", description = "Roles to check for (their required "
      + "keys and cross-key checks); default none: values and unknown keys only.")
  List<String> roles = List.of();

  @Option(names = "--config", paramLabel = "FILE", description = "Properties file; PHIGATE_* environment "
      + "variables apply on top of it.")
  Path config;

  @Override
  public Integer call() {
    List<Role> selected = roles.stream().map(Role::of).toList();
    if (describe || (!show && !check && config == null)) {
      describeAll();
      return 0;
    }
    CommonConfig common = new CommonConfig(Settings.load(config, Map.of()));
    if (show || !check) {
      showAll(common.settings());
    }
    try {
      Role.validateForRun(common, selected);
    } catch (ConfigException e) {
      System.err.println("phigate config: " + CliErrors.describe(e));
      return 2;
    }
    if (check) {
      System.out.println("configuration OK" + (selected.isEmpty() ? "" : " for roles "
          + selected.stream().map(Role::id).toList()));
    }
    return 0;
  }

  private void describeAll() {
    forEachSection((title, keys) -> {
      System.out.println("# " + title);
      for (ConfigKey<?> key : keys) {
        String fileVariant = key.secret() ? ", or a file: " + key.name() + Settings.FILE_SUFFIX + " / "
            + key.envVar() + "_FILE" : "";
        System.out.printf("%s  (%s%s, default: %s, env: %s%s)%n    accepts: %s%n    %s%n", key.name(), key.type(),
            key.secret() ? ", secret" : "", key.defaultValue().isEmpty() ? "none" : key.defaultValue(),
            key.envVar(), fileVariant, key.expected(), key.description());
      }
      System.out.println();
    });
  }

  private void showAll(Settings settings) {
    forEachSection((title, keys) -> {
      System.out.println("# " + title);
      for (ConfigKey<?> key : keys) {
        System.out.printf("%s = %s   [%s]%n", key.name(), shown(key, settings), origin(key, settings));
      }
      System.out.println();
    });
    System.out.println("# kafka.* passed to every Kafka client");
    Map<String, Settings.Found> shared = settings.kafkaClientSettings();
    shared.forEach((name, found) -> showKafka("kafka." + name, name, found));
    for (Role role : Role.values()) {
      settings.kafkaClientSettings(role.id()).forEach((name, found) -> {
        if (!found.equals(shared.get(name))) {
          showKafka(Settings.rolePrefix(role.id()) + name, name, found);
        }
      });
    }
    System.out.println();
  }

  private static void showKafka(String shown, String name, Settings.Found found) {
    boolean secret = KafkaClientKeys.secret(name) || found.origin().contains(Settings.FILE_SUFFIX)
        || found.origin().contains("_FILE");
    System.out.printf("%s = %s   [%s]%n", shown, secret ? MASK_SET : found.value(), found.origin());
  }

  private static String shown(ConfigKey<?> key, Settings settings) {
    try {
      String raw = settings.raw(key);
      if (key.secret()) {
        return raw.isEmpty() ? MASK_UNSET : MASK_SET;
      }
      return raw;
    } catch (ConfigException e) {
      return "<unreadable>";
    }
  }

  private static String origin(ConfigKey<?> key, Settings settings) {
    try {
      return settings.origin(key);
    } catch (ConfigException e) {
      return "see the problems below";
    }
  }

  private static void forEachSection(java.util.function.BiConsumer<String, List<ConfigKey<?>>> section) {
    CommonConfig defaults = new CommonConfig(Settings.of(Map.of()));
    section.accept("common (every role)", CommonConfig.KEYS);
    for (Role role : Role.values()) {
      section.accept("role " + role.id() + ": " + role.description(), role.config(defaults).keys());
    }
  }
}
