import { SendToDraftingButton as SendToDraftingButton_b23bdc88fca9617bb134cf8e00ecda0d } from '@/components/admin/drafting/SendToDraftingButton'
import { QuestionAnswers as QuestionAnswers_9eecca8ec457da2a3a614ca790bc7f22 } from '@/components/admin/drafting/QuestionAnswers'
import { ReviewLockBanner as ReviewLockBanner_3b3daa8e3b651231884fd6c31e4e5a58 } from '@/components/admin/answers/ReviewLockBanner'
import { EvidenceChangedBanner as EvidenceChangedBanner_c899cccb3016f671087a320a075df480 } from '@/components/admin/answers/EvidenceChangedBanner'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { BlocksFeatureClient as BlocksFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ReviewLinkCell as ReviewLinkCell_7d01473c1bce5b0766e44bf1a2cd65b2 } from '@/components/admin/answers/ReviewScreenLink'
import { ReviewScreenLink as ReviewScreenLink_7d01473c1bce5b0766e44bf1a2cd65b2 } from '@/components/admin/answers/ReviewScreenLink'
import { SubmitForReviewButton as SubmitForReviewButton_c5f9749b414f50e800cb73b388765fa8 } from '@/components/admin/answers/SubmitForReviewButton'
import { StageShownInHeader as StageShownInHeader_035ca7d9b1b12095e8d2cdab9b3f1976 } from '@/components/admin/answers/WorkflowStageStatus'
import { AnswerHistory as AnswerHistory_dcb7d28b6424ba9108c8d0b306459a2b } from '@/components/admin/answers/AnswerHistory'
import { PublishedByApproval as PublishedByApproval_2fd06956d3b88c338de61c4d5ce1ee52 } from '@/components/admin/answers/PublishedByApproval'
import { WorkflowStageStatus as WorkflowStageStatus_035ca7d9b1b12095e8d2cdab9b3f1976 } from '@/components/admin/answers/WorkflowStageStatus'
import { CurrentPasswordField as CurrentPasswordField_10fe673e415677a4c0f3f38efd7d9b82 } from '@/components/admin/users/CurrentPasswordField'
import { NewApiKey as NewApiKey_a5c7a1137e091786bcf2e54c471b3294 } from '@/components/admin/apiKeys/NewApiKey'
import { EditorialDashboard as EditorialDashboard_50b6eb2e4e1382e84bb833d03d0fcec1 } from '@/components/admin/dashboard/EditorialDashboard'
import { AdminNavLinks as AdminNavLinks_6d559d411f169c054a038cce0822f791 } from '@/components/admin/shared/AdminNavLinks'
import { BacklogView as BacklogView_328c76d1e9a680589f11cf7b8e977159 } from '@/components/admin/backlog/BacklogView'
import { ReviewView as ReviewView_e30e0da2d6365c528052fbc97114825a } from '@/components/admin/review/ReviewView'
import { ImportView as ImportView_f1527bd5f87389bae1f16cc808ad41ff } from '@/components/admin/import/ImportView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/src/components/admin/drafting/SendToDraftingButton#SendToDraftingButton": SendToDraftingButton_b23bdc88fca9617bb134cf8e00ecda0d,
  "/src/components/admin/drafting/QuestionAnswers#QuestionAnswers": QuestionAnswers_9eecca8ec457da2a3a614ca790bc7f22,
  "/src/components/admin/answers/ReviewLockBanner#ReviewLockBanner": ReviewLockBanner_3b3daa8e3b651231884fd6c31e4e5a58,
  "/src/components/admin/answers/EvidenceChangedBanner#EvidenceChangedBanner": EvidenceChangedBanner_c899cccb3016f671087a320a075df480,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#BlocksFeatureClient": BlocksFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/src/components/admin/answers/ReviewScreenLink#ReviewLinkCell": ReviewLinkCell_7d01473c1bce5b0766e44bf1a2cd65b2,
  "/src/components/admin/answers/ReviewScreenLink#ReviewScreenLink": ReviewScreenLink_7d01473c1bce5b0766e44bf1a2cd65b2,
  "/src/components/admin/answers/SubmitForReviewButton#SubmitForReviewButton": SubmitForReviewButton_c5f9749b414f50e800cb73b388765fa8,
  "/src/components/admin/answers/WorkflowStageStatus#StageShownInHeader": StageShownInHeader_035ca7d9b1b12095e8d2cdab9b3f1976,
  "/src/components/admin/answers/AnswerHistory#AnswerHistory": AnswerHistory_dcb7d28b6424ba9108c8d0b306459a2b,
  "/src/components/admin/answers/PublishedByApproval#PublishedByApproval": PublishedByApproval_2fd06956d3b88c338de61c4d5ce1ee52,
  "/src/components/admin/answers/WorkflowStageStatus#WorkflowStageStatus": WorkflowStageStatus_035ca7d9b1b12095e8d2cdab9b3f1976,
  "/src/components/admin/users/CurrentPasswordField#CurrentPasswordField": CurrentPasswordField_10fe673e415677a4c0f3f38efd7d9b82,
  "/src/components/admin/apiKeys/NewApiKey#NewApiKey": NewApiKey_a5c7a1137e091786bcf2e54c471b3294,
  "/src/components/admin/dashboard/EditorialDashboard#EditorialDashboard": EditorialDashboard_50b6eb2e4e1382e84bb833d03d0fcec1,
  "/src/components/admin/shared/AdminNavLinks#AdminNavLinks": AdminNavLinks_6d559d411f169c054a038cce0822f791,
  "/src/components/admin/backlog/BacklogView#BacklogView": BacklogView_328c76d1e9a680589f11cf7b8e977159,
  "/src/components/admin/review/ReviewView#ReviewView": ReviewView_e30e0da2d6365c528052fbc97114825a,
  "/src/components/admin/import/ImportView#ImportView": ImportView_f1527bd5f87389bae1f16cc808ad41ff,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
