package org.phigate.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate review token`: a bearer token from the running demo's local OIDC issuer, for scripts and curl. */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Print a bearer token for the reviewer API from the local OIDC issuer of a running "
        + "`phigate demo --serve` (or --issuer URL). Demo only: a hospital's issuer issues real tokens.")
public final class ReviewTokenCommand implements Callable<Integer> {
  @Option(names = "--role", required = true, split = ",", paramLabel = "ROLE",
      description = "reviewer, auditor or admin (comma-separated for several).")
  List<String> roles;

  @Option(names = "--sub", defaultValue = "demo-nurse", paramLabel = "SUBJECT",
      description = "The token's subject, recorded as the reviewer (default ${DEFAULT-VALUE}).")
  String subject;

  @Option(names = "--minutes", defaultValue = "60", description = "Validity (default ${DEFAULT-VALUE}).")
  int minutes;

  @Option(names = "--issuer", paramLabel = "URL", description = "The local issuer's URL; default: the one the "
      + "running demo wrote to ~/.cache/phigate/demo-review-issuer.url.")
  String issuer;

  @Override
  public Integer call() throws IOException, InterruptedException {
    String base = issuer;
    if (base == null) {
      if (!Files.isRegularFile(DemoIssuerFile.location())) {
        System.err.println("no running `phigate demo --serve` found (" + DemoIssuerFile.location()
            + " is missing); start one, or pass --issuer URL");
        return 2;
      }
      base = Files.readString(DemoIssuerFile.location()).trim();
    }
    String form = "sub=" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "&expires_in=" + (minutes * 60L) + "&"
        + roles.stream().map(r -> "role=" + URLEncoder.encode(r.trim(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpResponse<String> response;
    try {
      response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      System.err.println("cannot reach the local issuer at " + base + " (" + e.getClass().getSimpleName()
          + "): is `phigate demo --serve` still running?");
      return 2;
    }
    if (response.statusCode() != 200) {
      System.err.println("the issuer refused (HTTP " + response.statusCode() + "): " + response.body());
      return 2;
    }
    System.out.println(new ObjectMapper().readTree(response.body()).get("access_token").asText());
    return 0;
  }

  /** The `review` command group (token only for now). */
  @Command(name = "review", mixinStandardHelpOptions = true, subcommands = ReviewTokenCommand.class,
      description = "Reviewer API helpers for the demo.")
  public static final class Group implements Callable<Integer> {
    @Override
    public Integer call() {
      System.err.println("usage: phigate review token --role reviewer");
      return 2;
    }
  }
}
