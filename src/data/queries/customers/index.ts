export { customerRfm, type BgNbdInputs, type CustomerRfmColumns } from './rfm';
export { cohortRetention, type CohortCell } from './cohorts';
