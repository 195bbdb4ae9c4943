export {default, hasIconFont} from './icon_label';
export type {IconName} from './icon_label';
