/** The org as the members table and its rows need it. */
export interface TeamOrg {
  id: string;
  name: string;
  seats: number;
}
