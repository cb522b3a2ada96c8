package dev.rapport.query.audit;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A row of event_hash_chain: the hash it links to and its own. */
record StoredLink(byte[] previousHash, byte[] hash) {

    /** The link in this row, or null when the row has none (a LEFT JOIN found no link). */
    static StoredLink from(ResultSet row) throws SQLException {
        byte[] hash = row.getBytes("hash");
        return hash == null ? null : new StoredLink(row.getBytes("previous_hash"), hash);
    }
}
