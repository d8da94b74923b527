import type { SeedGuidelineSource } from './types'

/**
 * Guideline sources for the seed.
 *
 * Titles, version labels, dates and URLs identify public guideline documents. Every passage
 * text below is our own plain-language paraphrase of a publicly known recommendation; none of
 * it is copied from the guideline itself. Passages are what answer citations point at, so
 * passageId values must stay stable once published.
 */
export const guidelineSources: SeedGuidelineSource[] = [
  // ---------------------------------------------------------------- pancreatic
  {
    key: 'nccn-pancreatic-2025-2',
    publisher: 'nccn',
    title: 'NCCN Clinical Practice Guidelines in Oncology: Pancreatic Adenocarcinoma',
    version: 'Version 2.2025',
    publicationDate: '2025-02-03',
    url: 'https://www.nccn.org/guidelines/guidelines-detail?category=1&id=1455',
    cancerTypes: ['pancreatic'],
    status: 'current',
    passages: [
      {
        passageId: 'met-surgery',
        heading: 'Surgery for metastatic disease',
        text: 'For pancreatic cancer that has spread to distant organs such as the liver, removing the primary tumor with surgery is generally not recommended because it has not been shown to help people live longer. Systemic therapy is the main treatment.',
      },
      {
        passageId: 'first-line-chemo',
        heading: 'First treatment for metastatic disease',
        text: 'People with metastatic pancreatic cancer who are fairly active and well are commonly offered combination chemotherapy, such as FOLFIRINOX or modified FOLFIRINOX, NALIRIFOX, or gemcitabine with nab-paclitaxel. People who are less fit may be offered a gentler option, such as gemcitabine alone, or supportive care on its own.',
      },
      {
        passageId: 'genetic-testing',
        heading: 'Genetic and tumor testing',
        text: 'Testing for inherited gene changes is advised for everyone diagnosed with pancreatic cancer. For advanced disease, testing the tumor itself is also advised, because changes such as BRCA mutations, mismatch repair deficiency or NTRK fusions can point to targeted treatments or clinical trials.',
      },
      {
        passageId: 'palliative-procedures',
        heading: 'Relieving blocked bile ducts or stomach outlet',
        text: 'When a tumor blocks the bile duct or the outlet of the stomach, a stent placed during an endoscopy is often preferred to relieve the blockage. Surgical bypass may be considered for selected people, for example when a stent is not possible or the person is expected to live for a longer time.',
      },
      {
        passageId: 'clinical-trials',
        heading: 'Clinical trials',
        text: 'Taking part in a clinical trial is encouraged at every stage of pancreatic cancer when a suitable trial is available.',
      },
      {
        passageId: 'supportive-care',
        heading: 'Supportive care',
        text: 'Care for symptoms such as pain, weight loss, poor digestion and low mood is recommended alongside cancer treatment from the time of diagnosis. Pancreatic enzyme pills taken with meals can help people whose pancreas no longer makes enough digestive enzymes.',
      },
    ],
  },
  {
    key: 'nccn-pancreatic-2025-1',
    publisher: 'nccn',
    title: 'NCCN Clinical Practice Guidelines in Oncology: Pancreatic Adenocarcinoma',
    version: 'Version 1.2025',
    publicationDate: '2024-12-04',
    url: 'https://www.nccn.org/guidelines/guidelines-detail?category=1&id=1455',
    cancerTypes: ['pancreatic'],
    status: 'superseded',
    supersededByKey: 'nccn-pancreatic-2025-2',
    passages: [
      {
        passageId: 'met-surgery',
        heading: 'Surgery for metastatic disease',
        text: 'When pancreatic cancer has already spread to distant organs, surgery to remove the tumor in the pancreas is generally not part of standard treatment. Chemotherapy is the main treatment.',
      },
      {
        passageId: 'first-line-chemo',
        heading: 'First treatment for metastatic disease',
        text: 'For people in good general health, first treatment for metastatic pancreatic cancer is usually a combination chemotherapy. A single drug may be used for people who are less fit.',
      },
      {
        passageId: 'genetic-testing',
        heading: 'Genetic and tumor testing',
        text: 'Testing for inherited gene changes is advised for everyone with pancreatic cancer, and tumor testing is advised for people with advanced disease who may receive further treatment.',
      },
    ],
  },
  {
    key: 'nci-pdq-pancreatic-patient',
    publisher: 'nci-pdq',
    title: 'Pancreatic Cancer Treatment (PDQ®)–Patient Version',
    version: 'Patient version, updated 2024-07-12',
    publicationDate: '2024-07-12',
    url: 'https://www.cancer.gov/types/pancreatic/patient/pancreatic-treatment-pdq',
    cancerTypes: ['pancreatic'],
    status: 'current',
    passages: [
      {
        passageId: 'resectable-surgery',
        heading: 'Surgery when the cancer can be removed',
        text: 'Surgery to remove the tumor is used when the cancer is only in or near the pancreas and can be completely taken out.',
      },
      {
        passageId: 'whipple',
        heading: 'The Whipple procedure',
        text: 'The Whipple procedure is a major operation that removes the head of the pancreas with parts of the stomach, small intestine and bile duct. Recovery can take weeks or months, and its risks include infection, bleeding and leaks where organs are joined.',
      },
      {
        passageId: 'stage-iv-treatment',
        heading: 'Treatment of stage IV pancreatic cancer',
        text: 'When pancreatic cancer has spread to distant parts of the body, treatment focuses on medicines that work throughout the body, such as chemotherapy, sometimes together with targeted drugs. Treatments that ease symptoms and clinical trials of new drugs are also options.',
      },
      {
        passageId: 'palliative-surgery',
        heading: 'Surgery to relieve symptoms',
        text: 'Surgery may be used to relieve symptoms rather than to remove the cancer. For example, a surgeon can create a bypass so that bile or food can flow around a blockage caused by the tumor.',
      },
      {
        passageId: 'stents',
        heading: 'Stents',
        text: 'A stent is a thin tube that can be placed to hold open a bile duct or the small intestine when a tumor is pressing on it. A stent can relieve yellowing of the skin, itching and vomiting without a large operation.',
      },
      {
        passageId: 'pain-relief',
        heading: 'Pain relief',
        text: 'Pain from pancreatic cancer can be treated with medicines and, for some people, with a nerve block, an injection that stops pain signals from the nerves near the pancreas. Radiation therapy may also help ease pain.',
      },
      {
        passageId: 'clinical-trials',
        heading: 'Clinical trials',
        text: 'Clinical trials test new treatments. People may be able to join a trial before, during or after starting their cancer treatment.',
      },
    ],
  },
  {
    key: 'esmo-pancreatic-2023',
    publisher: 'esmo',
    title:
      'Pancreatic cancer: ESMO Clinical Practice Guideline for diagnosis, treatment and follow-up',
    version: 'Annals of Oncology 2023',
    publicationDate: '2023-11-01',
    url: 'https://doi.org/10.1016/j.annonc.2023.08.009',
    cancerTypes: ['pancreatic'],
    status: 'current',
    passages: [
      {
        passageId: 'metastatic-systemic',
        heading: 'Treatment of metastatic disease',
        text: 'For metastatic pancreatic cancer, the main treatment is chemotherapy. The choice of drugs depends on the person’s general fitness, other health problems and preferences.',
      },
      {
        passageId: 'oligometastatic',
        heading: 'Limited spread (oligometastatic disease)',
        text: 'Removing the pancreatic tumor together with a small number of metastases is being studied. Outside clinical trials and carefully selected cases at experienced centers, it is not considered standard care.',
      },
      {
        passageId: 'multidisciplinary',
        heading: 'Team decisions',
        text: 'Treatment decisions are best made by a team that includes surgeons, medical and radiation oncologists, radiologists and palliative care specialists, ideally at a center with experience in pancreatic cancer.',
      },
      {
        passageId: 'early-palliative-care',
        heading: 'Palliative and supportive care',
        text: 'Palliative and supportive care, including help with pain, nutrition and mood, is recommended early in advanced pancreatic cancer and can be given alongside cancer treatment.',
      },
      {
        passageId: 'biliary-drainage',
        heading: 'Jaundice from a blocked bile duct',
        text: 'In advanced disease, jaundice caused by a blocked bile duct is usually relieved with a metal stent placed during an endoscopy rather than with an operation.',
      },
    ],
  },
  {
    key: 'asco-metastatic-pancreatic-2020',
    publisher: 'asco',
    title: 'Metastatic Pancreatic Cancer: ASCO Guideline Update',
    version: '2020 guideline update',
    publicationDate: '2020-08-05',
    url: 'https://ascopubs.org/doi/10.1200/JCO.20.01364',
    cancerTypes: ['pancreatic'],
    status: 'current',
    passages: [
      {
        passageId: 'initial-assessment',
        heading: 'Initial assessment',
        text: 'The first assessment includes a CT scan of the chest, abdomen and pelvis to see how far the cancer has spread, along with a careful look at the person’s overall fitness, symptoms and other health problems.',
      },
      {
        passageId: 'goals-of-care',
        heading: 'Goals of care',
        text: 'Doctors are encouraged to talk with each person and their family about the goals of care, treatment preferences and support at home, including planning ahead for future care.',
      },
      {
        passageId: 'palliative-referral',
        heading: 'Palliative care referral',
        text: 'Referral to a palliative care team is advised early, starting at the first visit, to help with symptoms and quality of life.',
      },
      {
        passageId: 'first-line-options',
        heading: 'First-line treatment',
        text: 'For people who are fit and active, FOLFIRINOX or gemcitabine plus nab-paclitaxel are first treatment options. Gemcitabine alone may suit people who are less fit or have other serious health problems.',
      },
      {
        passageId: 'genomic-testing',
        heading: 'Genomic testing',
        text: 'Early testing of both inherited genes and the tumor is advised for people likely to receive further treatment. It looks for changes such as BRCA mutations, mismatch repair deficiency or NTRK fusions that can point to specific therapies.',
      },
    ],
  },

  // -------------------------------------------------------------------- breast
  {
    key: 'nccn-breast-2025-3',
    publisher: 'nccn',
    title: 'NCCN Clinical Practice Guidelines in Oncology: Breast Cancer',
    version: 'Version 3.2025',
    publicationDate: '2025-03-18',
    url: 'https://www.nccn.org/guidelines/guidelines-detail?category=1&id=1419',
    cancerTypes: ['breast'],
    status: 'current',
    passages: [
      {
        passageId: 'receptor-testing',
        heading: 'Hormone receptor and HER2 testing',
        text: 'Every invasive breast cancer is tested for hormone receptors (estrogen and progesterone) and for HER2, because the results guide which treatments are likely to work.',
      },
      {
        passageId: 'early-stage-surgery',
        heading: 'Surgery for early-stage breast cancer',
        text: 'For early-stage breast cancer, options often include breast-conserving surgery (lumpectomy) followed by radiation, or mastectomy. For people who are suitable for either, long-term survival is similar with both approaches.',
      },
      {
        passageId: 'endocrine-therapy',
        heading: 'Hormone (endocrine) therapy',
        text: 'People with hormone receptor-positive breast cancer are usually offered hormone therapy, often for at least 5 years, to lower the chance of the cancer coming back.',
      },
      {
        passageId: 'her2-therapy',
        heading: 'HER2-targeted therapy',
        text: 'HER2-positive breast cancer is commonly treated with HER2-targeted drugs such as trastuzumab, usually together with chemotherapy.',
      },
      {
        passageId: 'genetic-testing',
        heading: 'Genetic testing',
        text: 'Genetic counseling and testing for inherited changes such as BRCA1 and BRCA2 are recommended for many people with breast cancer, based on things like age at diagnosis, family history and tumor features.',
      },
    ],
  },

  // ---------------------------------------------------------------------- lung
  {
    key: 'nccn-nsclc-2025-3',
    publisher: 'nccn',
    title: 'NCCN Clinical Practice Guidelines in Oncology: Non-Small Cell Lung Cancer',
    version: 'Version 3.2025',
    publicationDate: '2025-01-14',
    url: 'https://www.nccn.org/guidelines/guidelines-detail?category=1&id=1450',
    cancerTypes: ['lung'],
    status: 'current',
    passages: [
      {
        passageId: 'biomarker-testing',
        heading: 'Biomarker testing',
        text: 'For advanced non-small cell lung cancer, broad testing of the tumor for changes such as EGFR, ALK, ROS1, BRAF, KRAS, MET, RET, NTRK and HER2, and for PD-L1 levels, is recommended before first treatment is chosen.',
      },
      {
        passageId: 'targeted-first-line',
        heading: 'Targeted therapy',
        text: 'If the tumor has a change that a targeted drug can act on, a matching targeted drug is usually preferred as the first treatment over chemotherapy.',
      },
      {
        passageId: 'immunotherapy-first-line',
        heading: 'Immunotherapy',
        text: 'For advanced disease without a targetable change, immunotherapy alone or combined with chemotherapy is a common first treatment. The choice depends partly on the PD-L1 level and the person’s overall health.',
      },
      {
        passageId: 'early-stage-local',
        heading: 'Early-stage disease',
        text: 'For early-stage non-small cell lung cancer in people fit enough for an operation, surgery to remove the tumor is the main treatment. Stereotactic body radiation therapy (SBRT) is an option for people who cannot have or choose not to have surgery.',
      },
      {
        passageId: 'smoking-cessation',
        heading: 'Stopping smoking',
        text: 'Support to stop smoking is recommended for people with lung cancer who smoke, because quitting can improve treatment results and overall health.',
      },
    ],
  },

  // ---------------------------------------------------------------- colorectal
  {
    key: 'nci-pdq-colon-patient',
    publisher: 'nci-pdq',
    title: 'Colon Cancer Treatment (PDQ®)–Patient Version',
    version: 'Patient version, updated 2024-09-20',
    publicationDate: '2024-09-20',
    url: 'https://www.cancer.gov/types/colorectal/patient/colon-treatment-pdq',
    cancerTypes: ['colorectal'],
    status: 'current',
    passages: [
      {
        passageId: 'surgery-localized',
        heading: 'Surgery',
        text: 'Surgery to remove the part of the colon with cancer, along with nearby lymph nodes, is the most common treatment for colon cancer that has not spread to distant organs.',
      },
      {
        passageId: 'adjuvant-chemo',
        heading: 'Chemotherapy after surgery',
        text: 'Chemotherapy after surgery is commonly given for stage III colon cancer, and sometimes for higher-risk stage II, to lower the chance of the cancer coming back.',
      },
      {
        passageId: 'limited-liver-lung-spread',
        heading: 'Limited spread to the liver or lungs',
        text: 'When colon cancer has spread to only a few areas in the liver or lungs, surgery to remove those areas may be an option for some people, sometimes with chemotherapy before or after.',
      },
      {
        passageId: 'stage-iv-systemic',
        heading: 'Treatment of stage IV disease',
        text: 'Stage IV colon cancer is often treated with chemotherapy, targeted therapy or immunotherapy. The choice depends on tumor test results such as RAS, BRAF and mismatch repair (MSI) status.',
      },
    ],
  },

  // ------------------------------------------------------------------ prostate
  {
    key: 'nci-pdq-prostate-patient',
    publisher: 'nci-pdq',
    title: 'Prostate Cancer Treatment (PDQ®)–Patient Version',
    version: 'Patient version, updated 2024-10-04',
    publicationDate: '2024-10-04',
    url: 'https://www.cancer.gov/types/prostate/patient/prostate-treatment-pdq',
    cancerTypes: ['prostate'],
    status: 'current',
    passages: [
      {
        passageId: 'active-surveillance',
        heading: 'Active surveillance',
        text: 'For low-risk prostate cancer, active surveillance is a common option. It means closely watching the cancer with regular PSA tests, exams and biopsies, and starting treatment only if the cancer shows signs of growing.',
      },
      {
        passageId: 'localized-treatment',
        heading: 'Treatment of localized disease',
        text: 'Prostate cancer that has not spread may be treated with surgery to remove the prostate or with radiation therapy. The choice depends on the risk level, age, other health problems and personal preference.',
      },
      {
        passageId: 'hormone-therapy',
        heading: 'Hormone therapy',
        text: 'Hormone therapy lowers or blocks the male hormones that help prostate cancer grow. It is used for advanced prostate cancer and, together with radiation, for some higher-risk cancers that have not spread.',
      },
      {
        passageId: 'side-effects',
        heading: 'Side effects',
        text: 'Prostate cancer treatments can cause side effects such as urine leakage, erection problems and bowel changes, and hormone therapy can cause hot flashes and tiredness. These effects are weighed when choosing a plan.',
      },
    ],
  },

  // ------------------------------------------------------------------- ovarian
  {
    key: 'nccn-ovarian-2025-1',
    publisher: 'nccn',
    title:
      'NCCN Clinical Practice Guidelines in Oncology: Ovarian Cancer Including Fallopian Tube Cancer and Primary Peritoneal Cancer',
    version: 'Version 1.2025',
    publicationDate: '2025-02-26',
    url: 'https://www.nccn.org/guidelines/guidelines-detail?category=1&id=1453',
    cancerTypes: ['ovarian'],
    status: 'current',
    passages: [
      {
        passageId: 'surgery',
        heading: 'Surgery',
        text: 'Surgery is a key part of treatment for most ovarian cancers, both to find out the stage and to remove as much of the cancer as possible. It is best done by a gynecologic oncologist.',
      },
      {
        passageId: 'neoadjuvant-chemo',
        heading: 'Chemotherapy before surgery',
        text: 'When the cancer is widespread or a person is not well enough for a large operation right away, chemotherapy may be given first, followed by surgery.',
      },
      {
        passageId: 'platinum-chemo',
        heading: 'Chemotherapy',
        text: 'Chemotherapy that includes a platinum drug, most often carboplatin with paclitaxel, is the usual treatment given after surgery for most stages.',
      },
      {
        passageId: 'genetic-testing',
        heading: 'Genetic and tumor testing',
        text: 'Testing for inherited gene changes such as BRCA1 and BRCA2 is recommended for everyone with epithelial ovarian cancer, and tumor testing is also advised, because results affect treatment choices and family members’ risk.',
      },
      {
        passageId: 'parp-maintenance',
        heading: 'Maintenance treatment',
        text: 'For some people whose cancer responds to first chemotherapy, especially those with BRCA changes, maintenance treatment with a PARP inhibitor may be offered to delay the cancer coming back.',
      },
    ],
  },
]
