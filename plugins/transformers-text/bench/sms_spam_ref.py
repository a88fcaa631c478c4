# Reference for sms-spam.mjs: scikit-learn TfidfVectorizer(min_df=2) (vocabulary not capped) on the SMS spam texts.
# Prints the vocabulary, every column's sum, and the dense rows listed on the command line, as JSON.
import csv, json, sys
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

path, rows = sys.argv[1], [int(r) for r in sys.argv[2].split(',')]
with open(path, newline='', encoding='utf-8') as f:
    docs = [r['text'] for r in csv.DictReader(f)]
v = TfidfVectorizer(min_df=2, ngram_range=(1, int(sys.argv[3])))
X = v.fit_transform(docs).tocsr()
print(json.dumps({'terms': v.get_feature_names_out().tolist(), 'colsum': np.asarray(X.sum(axis=0)).ravel().tolist(),
                  'rows': X[rows].toarray().tolist()}))
