import * as migration_20261124_011909_initial from './20261124_011909_initial'
import * as migration_20261124_015918_drafting_and_review_record from './20261124_015918_drafting_and_review_record'
import * as migration_20261124_025601_reviewer_assignment from './20261124_025601_reviewer_assignment'
import * as migration_20261124_030513_review_due_dates from './20261124_030513_review_due_dates'
import * as migration_20261124_031023_publish_override from './20261124_031023_publish_override'
import * as migration_20261124_032116_public_read_api from './20261124_032116_public_read_api'
import * as migration_20261124_033309_drop_jobs_stats from './20261124_033309_drop_jobs_stats'
import * as migration_20261124_041438_question_imports from './20261124_041438_question_imports'
import * as migration_20261129_234327_workflow_owner from './20261129_234327_workflow_owner'
import * as migration_20261130_011320_one_answer_per_question from './20261130_011320_one_answer_per_question'
import * as migration_20261130_024031_grounding_flags from './20261130_024031_grounding_flags'
import * as migration_20261130_040347_claim_citations from './20261130_040347_claim_citations'
import * as migration_20261130_045013_claim_verification from './20261130_045013_claim_verification'
import * as migration_20261130_045336_claim_checks from './20261130_045336_claim_checks'
import * as migration_20261130_045900_propose_claim_citations from './20261130_045900_propose_claim_citations'
import * as migration_20261130_071803_lifecycle_credentials from './20261130_071803_lifecycle_credentials'
import * as migration_20261130_073754_evidence_binding from './20261130_073754_evidence_binding'
import * as migration_20261130_110750_public_delivery from './20261130_110750_public_delivery'
import * as migration_20261130_124449_api_keys from './20261130_124449_api_keys'
import * as migration_20261130_134549_webhooks from './20261130_134549_webhooks'
import * as migration_20261130_135540_answer_stage_index from './20261130_135540_answer_stage_index'
import * as migration_20261130_161838_answer_question_index from './20261130_161838_answer_question_index'
import * as migration_20261201_170706_question_duplicate_key from './20261201_170706_question_duplicate_key'
import * as migration_20261201_220915_notification_claim from './20261201_220915_notification_claim'
import * as migration_20261202_005528_work_leases from './20261202_005528_work_leases'
import * as migration_20261202_033953_page_authors from './20261202_033953_page_authors'
import * as migration_20261202_123000_duplicate_key_invisible from './20261202_123000_duplicate_key_invisible'
import * as migration_20261202_170000_duplicate_key_ignorable from './20261202_170000_duplicate_key_ignorable'

export const migrations = [
  {
    up: migration_20261124_011909_initial.up,
    down: migration_20261124_011909_initial.down,
    name: '20261124_011909_initial',
  },
  {
    up: migration_20261124_015918_drafting_and_review_record.up,
    down: migration_20261124_015918_drafting_and_review_record.down,
    name: '20261124_015918_drafting_and_review_record',
  },
  {
    up: migration_20261124_025601_reviewer_assignment.up,
    down: migration_20261124_025601_reviewer_assignment.down,
    name: '20261124_025601_reviewer_assignment',
  },
  {
    up: migration_20261124_030513_review_due_dates.up,
    down: migration_20261124_030513_review_due_dates.down,
    name: '20261124_030513_review_due_dates',
  },
  {
    up: migration_20261124_031023_publish_override.up,
    down: migration_20261124_031023_publish_override.down,
    name: '20261124_031023_publish_override',
  },
  {
    up: migration_20261124_032116_public_read_api.up,
    down: migration_20261124_032116_public_read_api.down,
    name: '20261124_032116_public_read_api',
  },
  {
    up: migration_20261124_033309_drop_jobs_stats.up,
    down: migration_20261124_033309_drop_jobs_stats.down,
    name: '20261124_033309_drop_jobs_stats',
  },
  {
    up: migration_20261124_041438_question_imports.up,
    down: migration_20261124_041438_question_imports.down,
    name: '20261124_041438_question_imports',
  },
  {
    up: migration_20261129_234327_workflow_owner.up,
    down: migration_20261129_234327_workflow_owner.down,
    name: '20261129_234327_workflow_owner',
  },
  {
    up: migration_20261130_011320_one_answer_per_question.up,
    down: migration_20261130_011320_one_answer_per_question.down,
    name: '20261130_011320_one_answer_per_question',
  },
  {
    up: migration_20261130_024031_grounding_flags.up,
    down: migration_20261130_024031_grounding_flags.down,
    name: '20261130_024031_grounding_flags',
  },
  {
    up: migration_20261130_040347_claim_citations.up,
    down: migration_20261130_040347_claim_citations.down,
    name: '20261130_040347_claim_citations',
  },
  {
    up: migration_20261130_045013_claim_verification.up,
    down: migration_20261130_045013_claim_verification.down,
    name: '20261130_045013_claim_verification',
  },
  {
    up: migration_20261130_045336_claim_checks.up,
    down: migration_20261130_045336_claim_checks.down,
    name: '20261130_045336_claim_checks',
  },
  {
    up: migration_20261130_045900_propose_claim_citations.up,
    down: migration_20261130_045900_propose_claim_citations.down,
    name: '20261130_045900_propose_claim_citations',
  },
  {
    up: migration_20261130_071803_lifecycle_credentials.up,
    down: migration_20261130_071803_lifecycle_credentials.down,
    name: '20261130_071803_lifecycle_credentials',
  },
  {
    up: migration_20261130_073754_evidence_binding.up,
    down: migration_20261130_073754_evidence_binding.down,
    name: '20261130_073754_evidence_binding',
  },
  {
    up: migration_20261130_110750_public_delivery.up,
    down: migration_20261130_110750_public_delivery.down,
    name: '20261130_110750_public_delivery',
  },
  {
    up: migration_20261130_124449_api_keys.up,
    down: migration_20261130_124449_api_keys.down,
    name: '20261130_124449_api_keys',
  },
  {
    up: migration_20261130_134549_webhooks.up,
    down: migration_20261130_134549_webhooks.down,
    name: '20261130_134549_webhooks',
  },
  {
    up: migration_20261130_135540_answer_stage_index.up,
    down: migration_20261130_135540_answer_stage_index.down,
    name: '20261130_135540_answer_stage_index',
  },
  {
    up: migration_20261130_161838_answer_question_index.up,
    down: migration_20261130_161838_answer_question_index.down,
    name: '20261130_161838_answer_question_index',
  },
  {
    up: migration_20261201_170706_question_duplicate_key.up,
    down: migration_20261201_170706_question_duplicate_key.down,
    name: '20261201_170706_question_duplicate_key',
  },
  {
    up: migration_20261201_220915_notification_claim.up,
    down: migration_20261201_220915_notification_claim.down,
    name: '20261201_220915_notification_claim',
  },
  {
    up: migration_20261202_005528_work_leases.up,
    down: migration_20261202_005528_work_leases.down,
    name: '20261202_005528_work_leases',
  },
  {
    up: migration_20261202_033953_page_authors.up,
    down: migration_20261202_033953_page_authors.down,
    name: '20261202_033953_page_authors',
  },
  {
    up: migration_20261202_123000_duplicate_key_invisible.up,
    down: migration_20261202_123000_duplicate_key_invisible.down,
    name: '20261202_123000_duplicate_key_invisible',
  },
  {
    up: migration_20261202_170000_duplicate_key_ignorable.up,
    down: migration_20261202_170000_duplicate_key_ignorable.down,
    name: '20261202_170000_duplicate_key_ignorable',
  },
]
