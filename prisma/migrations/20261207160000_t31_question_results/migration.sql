-- One question's results in one row (a JSON array, one entry per player:
-- [userId, playerName, answer, correct, points, elapsedMs]): closing a
-- 5,000-player question writes one row, not 5,000 (docs/performance.md).
-- CreateTable
CREATE TABLE "TriviaQuestionResults" (
    "roundId" TEXT NOT NULL,
    "questionIndex" INTEGER NOT NULL,
    "questionId" TEXT NOT NULL,
    "results" JSONB NOT NULL,

    CONSTRAINT "TriviaQuestionResults_pkey" PRIMARY KEY ("roundId","questionIndex")
);

-- AddForeignKey
ALTER TABLE "TriviaQuestionResults" ADD CONSTRAINT "TriviaQuestionResults_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "TriviaRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every stored result as one row each, whichever table holds it: rows of
-- TriviaAnswer (rounds stored before this migration, and answers to pinned
-- moments) and the entries of TriviaQuestionResults.
CREATE VIEW "TriviaResultRow" AS
SELECT "roundId", "questionIndex", "questionId", "userId", "playerName", "answer", "correct", "points", "elapsedMs"
FROM "TriviaAnswer"
UNION ALL
SELECT q."roundId", q."questionIndex", q."questionId", e->>0, e->>1,
       CASE WHEN jsonb_typeof(e->2) = 'null' THEN NULL ELSE e->2 END,
       (e->>3)::boolean, (e->>4)::integer, (e->>5)::integer
FROM "TriviaQuestionResults" q, jsonb_array_elements(q."results") AS e;
