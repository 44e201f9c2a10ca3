package org.phigate.compliance;

/**
 * One control of the compliance check, as listed in {@code compliance/controls.tsv}: what it requires of a
 * deployment, the safeguard it evidences, and how to fix a failure.
 */
public record Control(String id, Safeguard safeguard, String description, String remediation) {}
