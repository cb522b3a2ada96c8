package dev.rapport.query.audit;

/**
 * How far a whole-log verification has got.
 *
 * @param checked  events found intact so far
 * @param position the global index of the last of them
 */
public record ChainProgress(long checked, long position) {
}
