package org.phigate.review.api;

/** A JSON answer of the reviewer API: status and body (codes and ids in errors, never request content). */
record ApiResponse(int status, Object body) {
  static ApiResponse ok(Object body) {
    return new ApiResponse(200, body);
  }

  static ApiResponse error(int status, String code, String message) {
    return new ApiResponse(status, java.util.Map.of("error", code, "message", message));
  }
}
