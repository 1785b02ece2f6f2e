// The match score as a ring, with a bar per factor showing its weight and how much it earned.
import type { Score } from "../../../types/api";
import { verdict } from "../lib/report-text";

const RADIUS = 52;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

function band(fraction: number): "good" | "fair" | "poor" {
  if (fraction >= 0.7) return "good";
  if (fraction >= 0.4) return "fair";
  return "poor";
}

export function ScoreCard({ score }: { score: Score }) {
  const total = Math.max(0, Math.min(100, Math.round(score.total)));
  const dash = (CIRCUMFERENCE * total) / 100;
  return (
    <section className="card score" aria-labelledby="score-title">
      <h2 id="score-title" className="card__title">
        Match score
      </h2>
      <div className="score__body">
        <figure className="score__ring" aria-label={`Match score ${total} out of 100: ${verdict(total)}`}>
          <svg viewBox="0 0 120 120" width="132" height="132" aria-hidden="true" focusable="false">
            <circle className="score__track" cx="60" cy="60" r={RADIUS} strokeWidth="12" fill="none" />
            <circle
              className={`score__value score__value--${band(total / 100)}`}
              cx="60"
              cy="60"
              r={RADIUS}
              strokeWidth="12"
              fill="none"
              strokeLinecap="round"
              strokeDasharray={`${dash} ${CIRCUMFERENCE}`}
              transform="rotate(-90 60 60)"
            />
            <text x="60" y="58" textAnchor="middle" className="score__number">
              {total}
            </text>
            <text x="60" y="80" textAnchor="middle" className="score__of">
              of 100
            </text>
          </svg>
          <figcaption className="score__verdict">{verdict(total)}</figcaption>
        </figure>
        <ul className="factors" aria-label="Score breakdown">
          {score.factors.map((factor) => {
            const max = factor.weight * 100;
            const pct = Math.max(0, Math.min(1, factor.score));
            return (
              <li key={factor.id} className="factor">
                <div className="factor__head">
                  <span className="factor__label">{factor.label}</span>
                  <span className="factor__points">
                    {factor.points.toFixed(1)} <span className="muted">/ {max.toFixed(0)} pts</span>
                  </span>
                </div>
                <svg
                  className="factor__bar"
                  viewBox="0 0 100 8"
                  preserveAspectRatio="none"
                  aria-hidden="true"
                  focusable="false"
                >
                  <rect className="factor__track" x="0" y="0" width="100" height="8" rx="4" />
                  <rect
                    className={`factor__fill factor__fill--${band(pct)}`}
                    x="0"
                    y="0"
                    width={pct * 100}
                    height="8"
                    rx="4"
                  />
                </svg>
                <p className="factor__why">
                  <span className="visually-hidden">{Math.round(pct * 100)}% of this factor. </span>
                  {factor.explanation}
                </p>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
