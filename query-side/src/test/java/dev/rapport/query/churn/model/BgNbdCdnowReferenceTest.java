package dev.rapport.query.churn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The fitter and the holdout check on the CDNOW file read directly (one purchase = a distinct purchase day of a
 * customer), against the reference fit computed independently from the same file: calibration to 1997-09-30,
 * holdout 1997-10-01..1998-06-30. {@code CdnowReplayTest} checks the same through the event log and the API.
 */
class BgNbdCdnowReferenceTest {

    static final LocalDate CALIBRATION_END = LocalDate.parse("1997-09-30");
    static final LocalDate HOLDOUT_END = LocalDate.parse("1998-06-30");

    @Test
    void theFitAndHoldoutOfTheFullCdnowFileMatchTheReference() throws IOException {
        List<PurchaseDays> customers = read(cdnowFile());
        assertThat(customers).hasSize(23_570);
        List<CustomerHistory> calibration = new ArrayList<>();
        List<HoldoutCheck.Customer> holdout = new ArrayList<>();
        for (PurchaseDays days : customers) {
            days.historyUpTo(CALIBRATION_END).ifPresent(h -> {
                calibration.add(h);
                holdout.add(new HoldoutCheck.Customer(h, days.between(CALIBRATION_END, HOLDOUT_END)));
            });
        }

        BgNbdFit fit = BgNbdFitter.fit(calibration);

        System.out.println("CDNOW BG/NBD fit: " + fit);
        assertThat(fit.customers()).isEqualTo(23_570);
        assertThat(fit.parameters().r()).isCloseTo(0.252, withinPercentage(0.2));
        assertThat(fit.parameters().alpha()).isCloseTo(4.789, withinPercentage(0.2));
        assertThat(fit.parameters().a()).isCloseTo(0.723, withinPercentage(0.2));
        assertThat(fit.parameters().b()).isCloseTo(2.161, withinPercentage(0.2));
        assertThat(fit.logLikelihood()).isCloseTo(-95368.4, withinPercentage(0.001));
        assertThat(fit.startsAgree()).isTrue();

        HoldoutCheck.Result result = HoldoutCheck.check(fit.parameters(), holdout, PurchaseDays.weeksBetween(CALIBRATION_END, HOLDOUT_END));
        System.out.println("CDNOW BG/NBD holdout: " + result);
        assertThat(result.weeks()).isEqualTo(39.0);
        assertThat(result.actual()).isEqualTo(19_684);
        assertThat(result.predicted()).isCloseTo(16_874, withinPercentage(0.5));
        assertThat(result.groups()).hasSize(HoldoutCheck.LAST_GROUP + 1);
        assertThat(result.groups().stream().mapToInt(HoldoutCheck.Group::customers).sum()).isEqualTo(23_570);
    }

    static List<PurchaseDays> read(Path file) throws IOException {
        Map<String, TreeSet<LocalDate>> days = new TreeMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 4) {
                days.computeIfAbsent(f[0], id -> new TreeSet<>()).add(LocalDate.parse(f[1], DateTimeFormatter.BASIC_ISO_DATE));
            }
        }
        return days.values().stream().map(d -> new PurchaseDays(List.copyOf(d))).toList();
    }

    static Path cdnowFile() {
        String override = System.getProperty("rapport.cdnow", System.getenv("RAPPORT_CDNOW"));
        List<Path> candidates = override != null ? List.of(Path.of(override))
                : List.of(Path.of("../../shared/data/cdnow-master.txt"), Path.of("../shared/data/cdnow-master.txt"));
        return candidates.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new AssertionError("The CDNOW data is missing: looked for " + candidates));
    }
}
