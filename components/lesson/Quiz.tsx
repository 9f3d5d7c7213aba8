'use client'

import { answerQuestion } from '@/lib/lessons/progress'
import type { QuizQuestion } from '@/lib/lessons/types'
import { Inline } from './Inline'
import { updateProgress, useProgress } from './progress-store'

/** The recap quiz: pick an answer, see whether it is right and why. Answers are kept with the progress. */
export function Quiz({ slug, questions }: { slug: string; questions: QuizQuestion[] }) {
  const answers = useProgress().lessons[slug]?.quiz ?? {}
  const right = questions.filter((q) => answers[q.id] === q.answer).length
  const answered = questions.filter((q) => answers[q.id] !== undefined).length
  return (
    <section aria-labelledby="recap-quiz" className="my-8" data-testid="quiz">
      <h2 id="recap-quiz">Recap quiz</h2>
      <p className="text-sm text-[var(--muted)]" role="status">
        {answered === 0 ? `${questions.length} questions.` : `${right} of ${questions.length} right.`}
      </p>
      {/* The legend carries each question's number (read with it), so the list shows no second one. */}
      <ol className="mt-3 space-y-5" style={{ listStyle: 'none', paddingLeft: 0 }}>
        {questions.map((q, n) => {
          const picked = answers[q.id]
          return (
            <li key={q.id} data-question={q.id}>
              <fieldset>
                <legend className="font-semibold">
                  {n + 1}. <Inline text={q.question} />
                </legend>
                <div className="mt-2 space-y-1">
                  {q.choices.map((c, i) => (
                    <label key={i} className="flex cursor-pointer items-start gap-2">
                      <input
                        type="radio"
                        name={`quiz-${q.id}`}
                        checked={picked === i}
                        onChange={() => updateProgress((p) => answerQuestion(p, slug, q.id, i))}
                        className="mt-1"
                      />
                      <span>
                        <Inline text={c} />
                      </span>
                    </label>
                  ))}
                </div>
                {picked !== undefined && (
                  <p
                    className={`mt-2 border-l-4 pl-3 text-sm ${picked === q.answer ? 'border-green-600' : 'border-red-600'}`}
                    data-verdict={picked === q.answer ? 'right' : 'wrong'}
                  >
                    <strong>
                      {picked === q.answer ? (
                        'Right.'
                      ) : (
                        <>
                          Not quite: the answer is “<Inline text={q.choices[q.answer]!} />
                          ”.
                        </>
                      )}
                    </strong>{' '}
                    <Inline text={q.explanation} />
                  </p>
                )}
              </fieldset>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
