package org.phigate.intake.rest;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Jetty's own error answers (a malformed request line, a URI too long, a path outside the base, a method the servlet
 * does not implement) as FHIR OperationOutcomes instead of HTML pages or empty bodies. The diagnostics are the status
 * text only: Jetty's messages can quote the request's URI, which may hold identifiers.
 */
final class FhirErrorPages {
  private static final String JSON = "application/fhir+json;charset=utf-8";

  private FhirErrorPages() {}

  static byte[] body(int status) {
    String diagnostics = "HTTP " + status + " " + HttpStatus.getMessage(status) + ": the FHIR intake endpoint takes "
        + "POST [base]/{type} or POST [base] with a Bundle, and GET [base]/metadata";
    return OperationOutcomes.encode(OperationOutcomes.of(IssueSeverity.ERROR, type(status), diagnostics, null), false)
        .getBytes(StandardCharsets.UTF_8);
  }

  static IssueType type(int status) {
    return switch (status) {
      case 404 -> IssueType.NOTFOUND;
      case 405, 415, 501, 505 -> IssueType.NOTSUPPORTED;
      case 408 -> IssueType.TIMEOUT;
      case 413, 414, 431 -> IssueType.TOOCOSTLY;
      default -> status >= 500 ? IssueType.EXCEPTION : IssueType.INVALID;
    };
  }

  private static boolean writeOutcome(Response response, Callback callback, int code) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
    response.write(true, ByteBuffer.wrap(body(code)), callback);
    return true;
  }

  /** The server's handler: errors before a request reaches the servlet context (bad request line, 414, 431). */
  static final class ServerErrors extends org.eclipse.jetty.server.handler.ErrorHandler {
    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code, String message,
                                                 Throwable cause) {
      return writeOutcome(response, callback, code);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(new HttpField(HttpHeader.CONTENT_TYPE, JSON));
      return ByteBuffer.wrap(body(status));
    }
  }

  /** The servlet context's handler: sendError and unmapped paths inside the context. */
  static final class ContextErrors extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code, String message,
                                                 Throwable cause) {
      return writeOutcome(response, callback, code);
    }
  }
}
