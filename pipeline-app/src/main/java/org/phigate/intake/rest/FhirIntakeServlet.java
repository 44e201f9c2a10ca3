package org.phigate.intake.rest;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.phigate.intake.IntakeGateway;
import org.phigate.intake.IntakeGateway.Receipt;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.IntakeStage;
import org.phigate.intake.ParseResult;

/**
 * FHIR R4 intake over REST: {@code POST [base]/{type}} and {@code POST [base]} (a Bundle), JSON or XML; 202 with the
 * event id once the record is durably in Kafka; 4xx with an OperationOutcome (PHI-free diagnostics) for bad input,
 * which is dead-lettered as well; 503 when the broker did not acknowledge; {@code GET [base]/metadata}.
 */
final class FhirIntakeServlet extends HttpServlet {
  /** Channel name recorded on raw and dead-letter records. */
  static final String CHANNEL = "rest";
  private static final Set<String> UNPROCESSABLE = Set.of("FHIR_UNSUPPORTED_RESOURCE", "MISSING_PATIENT",
      "REST_RESOURCE_TYPE_MISMATCH", "REST_BUNDLE_REQUIRED");

  private final transient IntakeGateway gateway;
  private final int maxBodyBytes;
  private final Set<String> resourceTypes = FhirContext.forR4Cached().getResourceTypes();
  private final String capabilitiesJson = OperationOutcomes.encode(OperationOutcomes.capabilities("0.1.0"), false);
  private final String capabilitiesXml = OperationOutcomes.encode(OperationOutcomes.capabilities("0.1.0"), true);

  FhirIntakeServlet(IntakeGateway gateway, int maxBodyBytes) {
    this.gateway = gateway;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    boolean xml = wantsXml(req, null);
    if ("/metadata".equals(req.getPathInfo())) {
      write(resp, 200, xml ? capabilitiesXml : capabilitiesJson, xml);
      return;
    }
    outcome(resp, 405, IssueSeverity.ERROR, IssueType.NOTSUPPORTED, "this endpoint accepts submissions only (POST "
        + "[base]/{type} or POST [base] with a Bundle); nothing can be read back", null, xml);
  }

  /** Every method other than GET and POST is answered 405 with an OperationOutcome and the methods allowed. */
  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws jakarta.servlet.ServletException,
      IOException {
    String method = req.getMethod();
    if ("GET".equals(method) || "POST".equals(method) || "HEAD".equals(method)) {
      super.service(req, resp);
      return;
    }
    resp.setHeader("Allow", "GET, POST");
    outcome(resp, 405, IssueSeverity.ERROR, IssueType.NOTSUPPORTED, method.replaceAll("[^A-Za-z]", "") + " is not "
        + "supported: POST [base]/{type} or POST [base] with a Bundle; GET [base]/metadata", null,
        wantsXml(req, null));
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    String type = path.replaceAll("^/+|/+$", "");
    String contentType = mediaType(req.getContentType());
    boolean xml = wantsXml(req, contentType);
    byte[] body;
    try {
      body = readBounded(req.getInputStream());
    } catch (IOException e) {
      // the body stopped arriving (shorter than its Content-Length) for intake.rest.request.timeout.ms
      outcome(resp, 408, IssueSeverity.ERROR, IssueType.TIMEOUT, "the request body did not arrive in time (shorter "
          + "than its Content-Length?); nothing was stored, resend", null, xml);
      return;
    }
    String fhirVersion = fhirVersion(req.getContentType());
    if (fhirVersion != null && !fhirVersion.matches("4\\.0(\\.\\d+)?")) {
      refuse(resp, body, IntakeParser.FHIR_JSON, 415, IssueType.NOTSUPPORTED, new ParseResult.Rejected(
          "REST_UNSUPPORTED_FHIR_VERSION", "", "the Content-Type's fhirVersion must be 4.0 (FHIR R4)"), xml);
      return;
    }
    if (!contentType.isEmpty() && !contentType.contains("json") && !contentType.contains("xml")) {
      refuse(resp, body, IntakeParser.FHIR_JSON, 415, IssueType.NOTSUPPORTED, new ParseResult.Rejected(
          "REST_UNSUPPORTED_MEDIA_TYPE", "", "Content-Type must be application/fhir+json or application/fhir+xml"),
          xml);
      return;
    }
    String declared = contentType.contains("xml") ? IntakeParser.FHIR_XML : IntakeParser.FHIR_JSON;
    if (body.length > maxBodyBytes) {
      // only the first maxBodyBytes + 1 were read; the declared length, if any, is the body's size
      ParseResult.Rejected reason = new ParseResult.Rejected("PAYLOAD_TOO_LARGE", "", "request body exceeds "
          + "intake.max.payload.bytes=" + maxBodyBytes + "; the dead letter keeps its first "
          + IntakeStage.DEAD_LETTER_HEAD_BYTES + " bytes");
      answerRefusal(resp, gateway.rejectOversized(null, body, req.getContentLengthLong(), declared, CHANNEL, reason),
          413, IssueType.TOOCOSTLY, reason, xml);
      return;
    }
    if (type.contains("/") || (!type.isEmpty() && !resourceTypes.contains(type))) {
      refuse(resp, body, declared, 404, IssueType.NOTSUPPORTED, new ParseResult.Rejected(
          "REST_UNKNOWN_RESOURCE_TYPE", "", "the path does not name an R4 resource type; POST [base]/{type} or "
          + "POST [base] with a Bundle"), xml);
      return;
    }
    Receipt receipt = gateway.submit(null, body, declared, CHANNEL, true, event -> check(type, event), true);
    switch (receipt.status()) {
      case ACCEPTED -> {
        resp.setHeader("X-PHIGate-Event-Id", receipt.eventId());
        outcome(resp, 202, IssueSeverity.INFORMATION, IssueType.INFORMATIONAL, "accepted: stored in "
            + "phigate.intake.raw; event id " + receipt.eventId(), null, xml);
      }
      case REJECTED -> {
        ParseResult.Rejected reason = receipt.reason();
        int status = IntakeStage.NORMALIZED_TOO_LARGE.equals(reason.reasonCode()) ? 413
            : UNPROCESSABLE.contains(reason.reasonCode()) ? 422 : 400;
        outcome(resp, status, IssueSeverity.ERROR, status == 413 ? IssueType.TOOCOSTLY
            : status == 422 ? IssueType.PROCESSING : IssueType.STRUCTURE,
            reason.reasonCode() + ": " + reason.reasonMessage() + " (dead-lettered)", reason.location(), xml);
      }
      case UNAVAILABLE -> unavailable(resp, xml);
    }
  }

  private static ParseResult.Rejected check(String pathType, org.phigate.schema.ClinicalEvent event) {
    String actual = event.getMessageType().startsWith("Bundle/") ? "Bundle" : event.getMessageType();
    if (pathType.isEmpty() && !"Bundle".equals(actual)) {
      return new ParseResult.Rejected("REST_BUNDLE_REQUIRED", "resourceType",
          "POST [base] takes a Bundle (transaction, batch, collection); post other resources to [base]/{type}");
    }
    if (!pathType.isEmpty() && !pathType.equals(actual)) {
      return new ParseResult.Rejected("REST_RESOURCE_TYPE_MISMATCH", "resourceType",
          "the body's resourceType differs from the type in the request path");
    }
    return null;
  }

  private void refuse(HttpServletResponse resp, byte[] body, String contentType, int status, IssueType type,
                      ParseResult.Rejected reason, boolean xml) throws IOException {
    answerRefusal(resp, gateway.reject(null, body, contentType, CHANNEL, reason), status, type, reason, xml);
  }

  private static void answerRefusal(HttpServletResponse resp, Receipt receipt, int status, IssueType type,
                                    ParseResult.Rejected reason, boolean xml) throws IOException {
    if (receipt.status() == IntakeGateway.Status.UNAVAILABLE) {
      unavailable(resp, xml);
      return;
    }
    outcome(resp, status, IssueSeverity.ERROR, type, reason.reasonCode() + ": " + reason.reasonMessage()
        + " (dead-lettered)", reason.location(), xml);
  }

  private static void unavailable(HttpServletResponse resp, boolean xml) throws IOException {
    resp.setHeader("Retry-After", "5");
    outcome(resp, 503, IssueSeverity.ERROR, IssueType.TRANSIENT, "not stored: the broker did not acknowledge the "
        + "record in time; retry", null, xml);
  }

  private static void outcome(HttpServletResponse resp, int status, IssueSeverity severity, IssueType type,
                              String diagnostics, String expression, boolean xml) throws IOException {
    Resource outcome = OperationOutcomes.of(severity, type, diagnostics, expression);
    write(resp, status, OperationOutcomes.encode(outcome, xml), xml);
  }

  private static void write(HttpServletResponse resp, int status, String body, boolean xml) throws IOException {
    resp.setStatus(status);
    resp.setContentType((xml ? "application/fhir+xml" : "application/fhir+json") + ";charset=utf-8");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }

  private byte[] readBounded(InputStream in) throws IOException {
    return in.readNBytes(maxBodyBytes + 1);
  }

  /** The {@code fhirVersion} parameter of a Content-Type (RFC 6838 style, FHIR R4 3.1.0.1.3), or null. */
  private static String fhirVersion(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String param : contentType.split(";")) {
      String[] kv = param.trim().split("=", 2);
      if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("fhirVersion")) {
        return kv[1].trim().replace("\"", "");
      }
    }
    return null;
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  private static boolean wantsXml(HttpServletRequest req, String contentType) {
    String format = formatParameter(req.getQueryString());
    if (format != null) {
      return format.toLowerCase(Locale.ROOT).contains("xml");
    }
    String accept = req.getHeader("Accept");
    if (accept != null && accept.contains("xml") && !accept.contains("json")) {
      return true;
    }
    return contentType != null && contentType.contains("xml") && (accept == null || !accept.contains("json"));
  }

  /**
   * {@code _format} from the query string alone: it is a URL parameter in FHIR, and {@code getParameter} would also
   * look for form parameters in the body (Jetty's content-parameter extraction ran on every POST, about a third of
   * the servlet's own samples). Null when absent or when the query is not valid percent-encoding.
   */
  static String formatParameter(String query) {
    if (query == null || !query.contains("_format")) {
      return null;
    }
    String[] found = new String[1];
    try {
      org.eclipse.jetty.util.UrlEncoded.decodeTo(query, (name, value) -> {
        if (found[0] == null && "_format".equals(name)) {
          found[0] = value;
        }
      }, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return found[0];
  }
}
