package dev.rapport.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The public CDNOW purchase log: one line per purchase, "customer date(yyyyMMdd) cds dollars", whitespace separated. */
final class Cdnow {

    record Purchase(int line, String customer, LocalDate day, BigDecimal dollars) {
    }

    static List<Purchase> read(Path file) {
        List<Purchase> purchases = new ArrayList<>();
        try {
            int line = 0;
            for (String text : Files.readAllLines(file)) {
                line++;
                String[] fields = text.trim().split("\\s+");
                if (fields.length < 4 || !fields[0].matches("\\d+")) {
                    continue;
                }
                purchases.add(new Purchase(line, "cdnow-" + fields[0], LocalDate.parse(fields[1], DateTimeFormatter.BASIC_ISO_DATE),
                        new BigDecimal(fields[3])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return purchases;
    }
}
