"""Runs one peer deduplicator over a labelled corpus and writes its decisions as Winnow does.

Usage: peer.py METHOD CORPUS.jsonl DECISIONS.jsonl
       peer.py text-dedup-decisions UF.pkl DECISIONS.jsonl
METHOD is datasketch (MinHashLSH), rensa (RMinHashDeduplicator with LSH) or exact (a hash of the
lower-cased, blank-folded text). text-dedup runs as its own command (see method.sh); the second form
turns the clusters it leaves (uf.pkl, under --debug) into decisions. Every method uses the same parameters as Winnow's news pipeline:
lower-cased word 5-gram shingles, 128 permutations, threshold 0.8. The first document of a
cluster stays; each later one is written as {"id": …, "reason": …, "of": …}.
"""
import hashlib
import json
import re
import sys

WORD = re.compile(r"\w+")
PERMUTATIONS = 128
THRESHOLD = 0.8


def shingles(text):
    tokens = WORD.findall(text.lower())
    if len(tokens) < 5:
        return {" ".join(tokens)}
    return {" ".join(tokens[i:i + 5]) for i in range(len(tokens) - 4)}


def records(path):
    with open(path, encoding="utf-8") as corpus:
        for line in corpus:
            record = json.loads(line)
            yield record["id"], record["text"]


def run_datasketch(path, emit):
    from datasketch import MinHash, MinHashLSH
    index = MinHashLSH(threshold=THRESHOLD, num_perm=PERMUTATIONS)
    order = {}
    for position, (key, text) in enumerate(records(path)):
        signature = MinHash(num_perm=PERMUTATIONS)
        for shingle in shingles(text):
            signature.update(shingle.encode("utf-8"))
        found = index.query(signature)
        if found:
            emit(key, "near", min(found, key=order.get))
        else:
            index.insert(key, signature)
            order[key] = position


def run_rensa(path, emit):
    from rensa import RMinHash, RMinHashDeduplicator
    deduplicator = RMinHashDeduplicator(threshold=THRESHOLD, num_perm=PERMUTATIONS, use_lsh=True, num_bands=16)
    order = {}
    for position, (key, text) in enumerate(records(path)):
        signature = RMinHash(num_perm=PERMUTATIONS, seed=42)
        signature.update(list(shingles(text)))
        if deduplicator.add(key, signature):
            order[key] = position
        else:
            found = [candidate for candidate in deduplicator.get_duplicates(signature) if candidate in order]
            emit(key, "near", min(found, key=order.get) if found else None)


def run_exact(path, emit):
    first = {}
    for key, text in records(path):
        digest = hashlib.sha1(" ".join(text.lower().split()).encode("utf-8")).digest()
        if digest in first:
            emit(key, "exact", first[digest])
        else:
            first[digest] = key


def text_dedup_decisions(clusters, emit):
    import pickle
    with open(clusters, "rb") as file:
        union_find = pickle.load(file)
    for key in list(union_find.parent):
        root = union_find.find(key)
        if root != key:
            emit(key, "near", root)


def main():
    method, corpus, decisions = sys.argv[1:4]
    with open(decisions, "w", encoding="utf-8") as out:
        def emit(key, reason, of):
            out.write(json.dumps({"id": key, "action": "drop", "reason": reason, "of": of}) + "\n")
        methods = {"datasketch": run_datasketch, "rensa": run_rensa, "exact": run_exact,
                   "text-dedup-decisions": text_dedup_decisions}
        methods[method](corpus, emit)


if __name__ == "__main__":
    main()
