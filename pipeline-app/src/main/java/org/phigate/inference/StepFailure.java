package org.phigate.inference;

/**
 * A failed AI step, named by code ({@code step:ErrorType}); carries no message and no cause, which may quote text.
 */
final class StepFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final String code;

  StepFailure(String code) {
    super(code, null, false, false);
    this.code = code;
  }

  /** {@code step:ErrorType}; the type is the class's simple name (the binary name's tail for anonymous ones). */
  static String codeOf(String step, Throwable e) {
    String type = e.getClass().getSimpleName();
    if (type.isEmpty()) {
      String name = e.getClass().getName();
      type = name.substring(name.lastIndexOf('.') + 1);
    }
    return step + ":" + type;
  }
}
