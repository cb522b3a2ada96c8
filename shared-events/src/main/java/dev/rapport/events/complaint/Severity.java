package dev.rapport.events.complaint;

/** How serious a complaint is; sets its SLA deadlines. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL
}
