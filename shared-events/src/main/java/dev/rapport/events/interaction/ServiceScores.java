package dev.rapport.events.interaction;

/**
 * A satisfaction survey over the five service dimensions, each 1–5, plus the overall score.
 *
 * @param reliability    可靠性
 * @param tangibles      有形性
 * @param responsiveness 响应性
 * @param assurance      安全性
 * @param empathy        关怀性
 * @param overall        overall satisfaction
 */
public record ServiceScores(int reliability, int tangibles, int responsiveness, int assurance, int empathy, int overall) {
}
