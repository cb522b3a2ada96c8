package dev.rapport.query.audit;

/** How the event hash chain is broken at a position. */
public enum ChainProblem {

    /** The hash recomputed from the stored event differs from its link's: the event was changed after it was stored. */
    ALTERED,

    /** A link whose event is gone: the event was deleted. */
    MISSING_EVENT,

    /** An event without a link: it was inserted behind the database's back, or its link was deleted. */
    MISSING_LINK,

    /** The link's previous hash is not the hash of the link below it: links (and their events) were removed or rewritten. */
    BROKEN_LINKAGE
}
