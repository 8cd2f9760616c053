/*
 * bm25c(tbl, counts, w0, w1, ...): FTS5's bm25(tbl, w0, w1, ...) (fts5Bm25Function in sqlite3.c,
 * the same arithmetic in the same order) with the number of rows each phrase of the query matches
 * given in `counts` (one native int64 a phrase, in the query's phrase order) instead of counted by
 * a scan of each phrase's whole doclist in every statement (xQueryPhrase). Counts of another length
 * (NULL) are counted here as bm25() does. Loaded by pipeline/search/sqlite/ranking.ts; built by
 * scripts/build-native.mjs: cc -O2 -fPIC -shared -I <better-sqlite3>/deps/sqlite3 bm25c.c -o bm25c.so -lm
 */
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1
#include <math.h>
#include <string.h>
#include <stdlib.h>

typedef struct { int nPhrase; double avgdl; double *aIDF; double *aFreq; } Data;

static void freeData(void *p) { Data *d = p; if (d) { free(d->aIDF); free(d->aFreq); free(d); } }

static int countRow(const Fts5ExtensionApi *pApi, Fts5Context *pFts, void *pUserData) {
  (void)pApi; (void)pFts;
  (*(sqlite3_int64 *)pUserData)++;
  return SQLITE_OK;
}

static void bm25c(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx, int nVal, sqlite3_value **apVal) {
  const double k1 = 1.2, b = 0.75;
  Data *d = pApi->xGetAuxdata(pFts, 0);
  int rc = SQLITE_OK, i;
  if (nVal < 1) { sqlite3_result_error(pCtx, "bm25c: the phrases' counts are its first argument", -1); return; }
  if (!d) {
    sqlite3_int64 nRow = 0, nToken = 0;
    int nPhrase = pApi->xPhraseCount(pFts);
    const sqlite3_int64 *hits = sqlite3_value_bytes(apVal[0]) == nPhrase * 8 ? sqlite3_value_blob(apVal[0]) : 0;
    d = calloc(1, sizeof(Data));
    if (!d) { sqlite3_result_error_nomem(pCtx); return; }
    d->nPhrase = nPhrase;
    d->aIDF = calloc(nPhrase, sizeof(double));
    d->aFreq = calloc(nPhrase, sizeof(double));
    if (!d->aIDF || !d->aFreq) { freeData(d); sqlite3_result_error_nomem(pCtx); return; }
    rc = pApi->xRowCount(pFts, &nRow);
    if (rc == SQLITE_OK) rc = pApi->xColumnTotalSize(pFts, -1, &nToken);
    if (rc == SQLITE_OK) d->avgdl = (double)nToken / (double)nRow;
    for (i = 0; rc == SQLITE_OK && i < nPhrase; i++) {
      sqlite3_int64 nHit = 0;
      if (hits) nHit = hits[i];
      else rc = pApi->xQueryPhrase(pFts, i, (void *)&nHit, countRow);
      double idf = log((nRow - nHit + 0.5) / (nHit + 0.5));
      if (idf <= 0.0) idf = 1e-6;
      d->aIDF[i] = idf;
    }
    if (rc != SQLITE_OK) { freeData(d); sqlite3_result_error_code(pCtx, rc); return; }
    rc = pApi->xSetAuxdata(pFts, d, freeData);
    if (rc != SQLITE_OK) { sqlite3_result_error_code(pCtx, rc); return; }
  }
  double score = 0.0, D = 0.0;
  int nInst = 0;
  memset(d->aFreq, 0, sizeof(double) * d->nPhrase);
  rc = pApi->xInstCount(pFts, &nInst);
  for (i = 0; rc == SQLITE_OK && i < nInst; i++) {
    int ip, ic, io;
    rc = pApi->xInst(pFts, i, &ip, &ic, &io);
    if (rc == SQLITE_OK) {
      double w = (nVal - 1 > ic) ? sqlite3_value_double(apVal[ic + 1]) : 1.0;
      d->aFreq[ip] += w;
    }
  }
  if (rc == SQLITE_OK) { int nTok; rc = pApi->xColumnSize(pFts, -1, &nTok); D = (double)nTok; }
  if (rc == SQLITE_OK) {
    for (i = 0; i < d->nPhrase; i++) {
      score += d->aIDF[i] * ((d->aFreq[i] * (k1 + 1.0)) / (d->aFreq[i] + k1 * (1 - b + b * D / d->avgdl)));
    }
    sqlite3_result_double(pCtx, -1.0 * score);
  } else sqlite3_result_error_code(pCtx, rc);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_bm25c_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  fts5_api *api = 0;
  sqlite3_stmt *st = 0;
  int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, 0);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_pointer(st, 1, (void*)&api, "fts5_api_ptr", 0);
  sqlite3_step(st);
  rc = sqlite3_finalize(st);
  if (rc != SQLITE_OK || !api) return SQLITE_ERROR;
  return api->xCreateFunction(api, "bm25c", 0, bm25c, 0);
}
