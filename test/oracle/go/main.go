// Command oracle runs BuildKit's Dockerfile frontend over Dockerfiles and prints, per file, one
// JSON line: the stages and references as BuildKit reads them, its lint warnings (every stage
// linted), the error a build would report, and each image it would pull. It never pulls: a
// recording resolver answers for the registry.
//
//	oracle [--build-arg K=V]... [--target T [--lint-all-stages]] Dockerfile...
//	oracle < jobs.json     # a JSON array of {id, path | text, buildArgs?, target?, lintAllStages?}
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
)

type buildArgFlag map[string]string

func (b buildArgFlag) String() string { return fmt.Sprint(map[string]string(b)) }
func (b buildArgFlag) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok {
		return fmt.Errorf("--build-arg wants KEY=VALUE, got %q", s)
	}
	b[k] = v
	return nil
}

func main() {
	buildArgs := buildArgFlag{}
	flag.Var(buildArgs, "build-arg", "KEY=VALUE, repeatable")
	target := flag.String("target", "", "stage to build")
	allStages := flag.Bool("lint-all-stages", false, "lint every stage even with --target")
	workers := flag.Int("j", runtime.GOMAXPROCS(0), "files judged at once")
	flag.Parse()

	var jobs []Job
	if flag.NArg() > 0 {
		for _, p := range flag.Args() {
			jobs = append(jobs, Job{ID: p, Path: p, BuildArgs: buildArgs, Target: *target, LintAllStages: *allStages})
		}
	} else {
		dt, err := io.ReadAll(os.Stdin)
		if err == nil {
			err = json.Unmarshal(dt, &jobs)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "oracle: reading jobs from stdin:", err)
			os.Exit(2)
		}
	}

	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for _, v := range judgeAll(jobs, max(*workers, 1)) {
		line, err := json.Marshal(v)
		if err != nil {
			fmt.Fprintln(os.Stderr, "oracle:", err)
			os.Exit(1)
		}
		out.Write(line)
		out.WriteByte('\n')
	}
}

// judgeAll judges the jobs on a few goroutines and returns the verdicts in input order.
func judgeAll(jobs []Job, workers int) []Verdict {
	verdicts := make([]Verdict, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				verdicts[i] = judgeJob(jobs[i])
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return verdicts
}

func judgeJob(job Job) Verdict {
	var dt []byte
	if job.Text != nil {
		dt = []byte(*job.Text)
	} else {
		var err error
		if dt, err = os.ReadFile(job.Path); err != nil {
			return Verdict{ID: job.ID, Error: err.Error(), Stages: []StageInfo{}, References: []ReferenceInfo{}}
		}
	}
	return judge(context.Background(), job, dt)
}
