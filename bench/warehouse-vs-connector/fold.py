#!/usr/bin/env python3
"""Top frames of a JFR recording by self and by total time (share of execution samples).

Usage: fold.py RECORDING.jfr [top=25] [frame-substring: only samples with such a frame in their stack]
Reads `jfr print --json --events jdk.ExecutionSample --stack-depth 96`; a method counts once per sample in 'total'.
"""
import collections
import json
import os
import subprocess
import sys

recording = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
only = sys.argv[3] if len(sys.argv) > 3 else None
jfr = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "jfr") if os.environ.get("JAVA_HOME") else "jfr"
out = subprocess.run([jfr, "print", "--json", "--events", "jdk.ExecutionSample", "--stack-depth", "96", recording],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(out)["recording"]["events"]
self_time, total_time = collections.Counter(), collections.Counter()
samples = 0
for event in events:
    values = event["values"]
    frames = (values.get("stackTrace") or {}).get("frames") or []
    if not frames:
        continue
    names = []
    for frame in frames:
        method = frame["method"]
        names.append(method["type"]["name"].split("/")[-1] + "." + method["name"])
    if only and not any(only in name for name in names):
        continue
    samples += 1
    self_time[names[0]] += 1
    for name in set(names):
        total_time[name] += 1
print(f"{samples} samples" + (f" with a frame containing '{only}'" if only else ""))
print("\nself:")
for name, count in self_time.most_common(top):
    print(f"  {100.0 * count / samples:5.1f}%  {name}")
print("\ntotal:")
for name, count in total_time.most_common(top):
    print(f"  {100.0 * count / samples:5.1f}%  {name}")
