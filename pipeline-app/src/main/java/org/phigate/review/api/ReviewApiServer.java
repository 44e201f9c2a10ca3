package org.phigate.review.api;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.phigate.review.auth.TokenValidator;
import org.phigate.review.web.PageSettings;
import org.phigate.review.web.ReviewPageServlet;
import org.phigate.review.web.Sessions;
import org.phigate.security.tls.HttpsConnectors;
import org.phigate.security.tls.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The reviewer JSON API on Jetty, under {@code /api/v1} (see deploy/openapi/review-api.yaml). */
public final class ReviewApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewApiServer.class);
  private static final byte[] ERROR = "{\"error\":\"NOT_FOUND\",\"message\":\"see deploy/openapi/review-api.yaml\"}"
      .getBytes(StandardCharsets.UTF_8);
  private final Server jetty;
  private final TlsSettings tls;

  private ReviewApiServer(Server jetty, TlsSettings tls) {
    this.jetty = jetty;
    this.tls = tls;
  }

  /** Starts on bind:port (0 picks a free port). */
  public static ReviewApiServer start(String bind, int port, ReviewApi api, TokenValidator tokens) {
    return start(bind, port, api, tokens, null);
  }

  /**
   * Starts the API and, with page settings, the reviewer web page at {@code /} (its sessions then carry the API's
   * cookie credentials). A blank redirect URL in the settings becomes {@code http://BIND:PORT/login/callback}.
   */
  public static ReviewApiServer start(String bind, int port, ReviewApi api, TokenValidator tokens, PageSettings page) {
    return start(bind, port, api, tokens, page, TlsSettings.none());
  }

  /**
   * Starts the API and page over HTTPS when {@code tls} has a keystore (only HTTPS then; the page's cookies become
   * Secure); a blank redirect URL then becomes {@code https://BIND:PORT/login/callback}.
   */
  public static ReviewApiServer start(String bind, int port, ReviewApi api, TokenValidator tokens, PageSettings page,
                                      TlsSettings tls) {
    Server jetty = new Server();
    ServerConnector connector = HttpsConnectors.create(jetty, bind, port, tls);
    jetty.addConnector(connector);
    // Jetty's own error pages quote the request URI: answer with a fixed JSON body instead
    jetty.setErrorHandler(new ServerErrors());
    ServletContextHandler context = new ServletContextHandler("/");
    context.setErrorHandler(new ContextErrors());
    Sessions sessions = page == null ? null : new Sessions(page.idleTimeout());
    context.addServlet(new ServletHolder(new ReviewApiServlet(api, tokens, sessions)), "/api/v1/*");
    jetty.setHandler(context);
    try {
      if (page != null) {
        // bind first so a blank redirect URL can name the port actually taken
        connector.open();
        PageSettings settings = page.redirectUrl().isBlank()
            ? page.withRedirectUrl(HttpsConnectors.scheme(tls) + "://" + bind + ":" + connector.getLocalPort()
            + "/login/callback") : page;
        context.addServlet(new ServletHolder(new ReviewPageServlet(settings, sessions, tokens)), "/");
      }
      jetty.start();
    } catch (Exception e) {
      try {
        jetty.stop();
      } catch (Exception ignored) {
        // failed to start: nothing more to release
      }
      throw new IllegalStateException("cannot open the reviewer API on " + bind + ":" + port + " ("
          + e.getClass().getSimpleName() + "); check review.api.port, review.api.bind.address and review.api.tls.*");
    }
    ReviewApiServer server = new ReviewApiServer(jetty, tls);
    LOG.info("reviewer API on {}://{}:{}/api/v1", HttpsConnectors.scheme(tls), bind, server.port());
    return server;
  }

  public int port() {
    return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
  }

  /** The API base on the loopback interface, e.g. {@code http://127.0.0.1:PORT/api/v1} (https with TLS). */
  public String baseUrl() {
    return HttpsConnectors.scheme(tls) + "://127.0.0.1:" + port() + "/api/v1";
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      // already stopped
    }
  }

  private static boolean fixedJsonError(Response response, Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    response.write(true, ByteBuffer.wrap(ERROR), callback);
    return true;
  }

  private static final class ServerErrors extends org.eclipse.jetty.server.handler.ErrorHandler {
    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code, String message,
                                                 Throwable cause) {
      return ReviewApiServer.fixedJsonError(response, callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8"));
      return ByteBuffer.wrap(ERROR);
    }
  }

  private static final class ContextErrors extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code, String message,
                                                 Throwable cause) {
      return ReviewApiServer.fixedJsonError(response, callback);
    }
  }
}
