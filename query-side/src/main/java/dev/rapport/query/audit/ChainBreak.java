package dev.rapport.query.audit;

import java.util.Comparator;

/** Where and how the chain is broken. */
record ChainBreak(long position, ChainProblem problem) {

    static final Comparator<ChainBreak> LOWEST_FIRST = Comparator.comparingLong(ChainBreak::position);
}
