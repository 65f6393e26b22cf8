// The rule registry: every rule the analysis runs, in the order their findings are listed.
import { BuildToolsShipped } from './BuildToolsShipped';
import { ConsistentInstructionCasing } from './ConsistentInstructionCasing';
import { CopyIgnoredFile } from './CopyIgnoredFile';
import { DeletedInLaterLayer } from './DeletedInLaterLayer';
import { DuplicateDirective } from './DuplicateDirective';
import { DuplicateStageName } from './DuplicateStageName';
import { ExposeInvalidFormat } from './ExposeInvalidFormat';
import { ExposeProtoCasing } from './ExposeProtoCasing';
import { FromAsCasing } from './FromAsCasing';
import { FromFlagVariable } from './FromFlagVariable';
import { FromPlatformFlagConstDisallowed } from './FromPlatformFlagConstDisallowed';
import { GlobalArgNotRedeclared } from './GlobalArgNotRedeclared';
import { InstructionArguments } from './InstructionArguments';
import { InstructionBeforeFrom } from './InstructionBeforeFrom';
import { InvalidDefaultArgInFrom } from './InvalidDefaultArgInFrom';
import { InvalidDefinitionDescription } from './InvalidDefinitionDescription';
import { InvalidStageName } from './InvalidStageName';
import { InvalidStageReference } from './InvalidStageReference';
import { JSONArgsRecommended } from './JSONArgsRecommended';
import { LegacyKeyValueFormat } from './LegacyKeyValueFormat';
import { MaintainerDeprecated } from './MaintainerDeprecated';
import { MalformedFrom } from './MalformedFrom';
import { MalformedKeyValue } from './MalformedKeyValue';
import { MultipleInstructionsDisallowed } from './MultipleInstructionsDisallowed';
import { NoEmptyContinuation } from './NoEmptyContinuation';
import { NoStage } from './NoStage';
import { PipCacheShipped } from './PipCacheShipped';
import { PythonEnvironmentMismatch } from './PythonEnvironmentMismatch';
import { RedundantTargetPlatform } from './RedundantTargetPlatform';
import { ReservedStageName } from './ReservedStageName';
import { ScratchCannotRun } from './ScratchCannotRun';
import { SecretsUsedInArgOrEnv } from './SecretsUsedInArgOrEnv';
import { StageNotBuilt } from './StageNotBuilt';
import { StageNameCasing } from './StageNameCasing';
import { StageReferenceCasing } from './StageReferenceCasing';
import { UndefinedArgInFrom } from './UndefinedArgInFrom';
import { UndefinedVar } from './UndefinedVar';
import { UnknownFlag } from './UnknownFlag';
import { UnknownInstruction } from './UnknownInstruction';
import { UnknownStage } from './UnknownStage';
import { UnterminatedHeredoc } from './UnterminatedHeredoc';
import { UnusedArg } from './UnusedArg';
import { VirtualenvRelocated } from './VirtualenvRelocated';
import { WholeStageCopied } from './WholeStageCopied';
import { WorkdirRelativePath } from './WorkdirRelativePath';
import { Rule } from './rule';

export const RULES: readonly Rule[] = [
  UnknownStage,
  FromFlagVariable,
  InvalidStageReference,
  StageReferenceCasing,
  MalformedFrom,
  MalformedKeyValue,
  UnknownInstruction,
  UnknownFlag,
  InstructionArguments,
  UnterminatedHeredoc,
  InstructionBeforeFrom,
  NoStage,
  DuplicateDirective,
  InvalidStageName,
  DuplicateStageName,
  ReservedStageName,
  StageNameCasing,
  FromAsCasing,
  UndefinedArgInFrom,
  InvalidDefaultArgInFrom,
  GlobalArgNotRedeclared,
  UndefinedVar,
  ConsistentInstructionCasing,
  NoEmptyContinuation,
  MaintainerDeprecated,
  JSONArgsRecommended,
  MultipleInstructionsDisallowed,
  WorkdirRelativePath,
  LegacyKeyValueFormat,
  SecretsUsedInArgOrEnv,
  RedundantTargetPlatform,
  FromPlatformFlagConstDisallowed,
  ExposeProtoCasing,
  ExposeInvalidFormat,
  CopyIgnoredFile,
  InvalidDefinitionDescription,
  StageNotBuilt,
  UnusedArg,
  ScratchCannotRun,
  PythonEnvironmentMismatch,
  VirtualenvRelocated,
  BuildToolsShipped,
  DeletedInLaterLayer,
  WholeStageCopied,
  PipCacheShipped,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

export type { Rule };
