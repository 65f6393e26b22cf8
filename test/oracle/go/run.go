package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sort"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerui"
	"github.com/moby/buildkit/solver/pb"
)

// Job is one Dockerfile to judge, with the build args and target of that run.
type Job struct {
	ID        string            `json:"id"`
	Path      string            `json:"path,omitempty"`
	Text      *string           `json:"text,omitempty"`
	BuildArgs map[string]string `json:"buildArgs,omitempty"`
	Target    string            `json:"target,omitempty"`
	// Lint every stage even with a target (BuildKit's AllStages option).
	LintAllStages bool `json:"lintAllStages,omitempty"`
}

type Span struct {
	StartLine      int `json:"startLine"`
	StartCharacter int `json:"startCharacter"`
	EndLine        int `json:"endLine"`
	EndCharacter   int `json:"endCharacter"`
}

type BuildError struct {
	Message string `json:"message"`
	// One span per location BuildKit attached, outermost first.
	Locations []Span `json:"locations,omitempty"`
}

type Warning struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
	Ranges  []Span `json:"ranges"`
}

type LintRun struct {
	Warnings []Warning   `json:"warnings"`
	Error    *BuildError `json:"error,omitempty"`
	// Images the resolver was asked for with every stage built.
	Resolved []string `json:"resolved"`
}

type BuildRun struct {
	Error *BuildError `json:"error,omitempty"`
	// Images the resolver was asked for when building the target.
	Resolved []string `json:"resolved"`
	// Lines of the instructions behind the target's LLB: a stage with lines here is built.
	Lines []int `json:"lines"`
}

// Verdict is the oracle's answer for one job. Lines are 1-based, as in BuildKit.
type Verdict struct {
	ID          string          `json:"id"`
	ParseError  *BuildError     `json:"parseError,omitempty"`
	Stages      []StageInfo     `json:"stages"`
	References  []ReferenceInfo `json:"references"`
	Lint        *LintRun        `json:"lint,omitempty"`
	Build       *BuildRun       `json:"build,omitempty"`
	Consistency []string        `json:"consistency,omitempty"`
	Panic       string          `json:"panic,omitempty"`
	Error       string          `json:"error,omitempty"`
}

func toBuildError(err error) *BuildError {
	if err == nil {
		return nil
	}
	be := &BuildError{Message: err.Error()}
	var le *parser.LocationError
	if errors.As(err, &le) {
		for _, loc := range le.Locations {
			if len(loc) == 0 {
				continue
			}
			be.Locations = append(be.Locations, Span{
				StartLine: loc[0].Start.Line, StartCharacter: loc[0].Start.Character,
				EndLine: loc[len(loc)-1].End.Line, EndCharacter: loc[len(loc)-1].End.Character,
			})
		}
	}
	return be
}

func convertOpt(job Job, dt []byte, resolver *recordingResolver) dockerfile2llb.ConvertOpt {
	sm := llb.NewSourceMap(nil, job.ID, "Dockerfile", dt)
	// The lint results serialize the source's definition; an empty one is enough.
	sm.Definition = &llb.Definition{}
	buildArgs := map[string]string{}
	for k, v := range job.BuildArgs {
		buildArgs[k] = v
	}
	// A current BuildKit daemon: every LLB capability present, so no feature is refused for age.
	caps := pb.Caps.CapSet(pb.Caps.All())
	return dockerfile2llb.ConvertOpt{
		Config:       dockerui.Config{BuildArgs: buildArgs, Target: job.Target},
		SourceMap:    sm,
		MetaResolver: resolver,
		LLBCaps:      &caps,
	}
}

func judge(ctx context.Context, job Job, dt []byte) (v Verdict) {
	v = Verdict{ID: job.ID, Stages: []StageInfo{}, References: []ReferenceInfo{}}
	defer func() {
		if r := recover(); r != nil {
			v.Panic = fmt.Sprintf("%v\n%s", r, debug.Stack())
		}
	}()

	if ast, err := parser.Parse(bytes.NewReader(dt)); err != nil {
		v.ParseError = toBuildError(err)
	} else if stages, metaArgs, err := instructions.Parse(ast.AST, linter.New(&linter.Config{})); err != nil {
		v.ParseError = toBuildError(err)
	} else {
		v.Stages, v.References = describeStages(stages, metaArgs, job.BuildArgs, job.Target, ast.EscapeToken)
	}

	lintResolver := newRecordingResolver()
	opt := convertOpt(job, dt, lintResolver)
	// As `docker build --check`: without a target every stage is linted, with one only the stages
	// it needs are dispatched (and linted past parsing), unless the job asks for all stages.
	opt.AllStages = job.Target == "" || job.LintAllStages
	lr, err := dockerfile2llb.DockerfileLint(ctx, dt, opt)
	if err != nil {
		v.Error = err.Error()
		return v
	}
	v.Lint = &LintRun{Warnings: []Warning{}, Resolved: lintResolver.sortedNames()}
	for _, w := range lr.Warnings {
		warning := Warning{Rule: w.RuleName, Message: w.Detail, Ranges: []Span{}}
		if w.Location != nil {
			for _, r := range w.Location.Ranges {
				warning.Ranges = append(warning.Ranges, Span{
					StartLine: int(r.Start.Line), StartCharacter: int(r.Start.Character),
					EndLine: int(r.End.Line), EndCharacter: int(r.End.Character),
				})
			}
		}
		v.Lint.Warnings = append(v.Lint.Warnings, warning)
	}
	if lr.Error != nil {
		v.Lint.Error = &BuildError{Message: lr.Error.Message}
		for _, r := range lr.Error.Location.Ranges {
			v.Lint.Error.Locations = append(v.Lint.Error.Locations, Span{
				StartLine: int(r.Start.Line), StartCharacter: int(r.Start.Character),
				EndLine: int(r.End.Line), EndCharacter: int(r.End.Character),
			})
		}
	}

	buildResolver := newRecordingResolver()
	opt = convertOpt(job, dt, buildResolver)
	// A real build prints warnings; without a Warn func `check=error=true` would not fail it.
	opt.Warn = func(string, string, string, string, []parser.Range) {}
	res, err := dockerfile2llb.Dockerfile2LLB(ctx, dt, opt)
	v.Build = &BuildRun{Error: toBuildError(err), Resolved: buildResolver.sortedNames(), Lines: []int{}}
	if err == nil {
		v.Build.Lines, err = llbLines(ctx, res.State)
		if err != nil {
			v.Error = "marshal LLB: " + err.Error()
		}
	}

	if job.Target == "" || job.LintAllStages {
		v.Consistency = checkConsistency(v)
	}
	return v
}

// checkConsistency holds the mirrored resolution to what BuildKit asked its resolver for.
func checkConsistency(v Verdict) []string {
	if v.ParseError != nil || v.Lint == nil {
		return nil
	}
	want := expectedPulls(v.Stages, v.References)
	got := map[string]struct{}{}
	for _, n := range v.Lint.Resolved {
		got[n] = struct{}{}
	}
	var problems []string
	for n := range got {
		if _, ok := want[n]; !ok {
			problems = append(problems, "resolver asked for "+n+", which the mirror did not expect")
		}
	}
	// A failed build may stop before every base is resolved.
	if v.Lint.Error == nil {
		for n := range want {
			if _, ok := got[n]; !ok {
				problems = append(problems, "mirror expected a pull of "+n+", BuildKit did not ask for it")
			}
		}
	}
	sort.Strings(problems)
	return problems
}

// llbLines lists the source lines the target's LLB ops carry: the instructions BuildKit would run.
func llbLines(ctx context.Context, st llb.State) ([]int, error) {
	def, err := st.Marshal(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[int]struct{}{}
	if def.Source != nil {
		for _, locs := range def.Source.Locations {
			for _, loc := range locs.Locations {
				for _, r := range loc.Ranges {
					for l := r.Start.Line; l <= r.End.Line; l++ {
						seen[int(l)] = struct{}{}
					}
				}
			}
		}
	}
	lines := make([]int, 0, len(seen))
	for l := range seen {
		lines = append(lines, l)
	}
	sort.Ints(lines)
	return lines, nil
}
